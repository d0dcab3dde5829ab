/**
 * The prebuilt scan CLI (scripts/build-cli.mjs), which `npm run scan` runs and the CLI tests spawn.
 * ensureBuiltCli() builds it when it is missing or older than its sources (a clean clone has no
 * dist/), and waits for a build another test file started.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** dist/cli/promptvakt-scan.mjs, relative to the repository (the tests' working directory). */
export const BUILT_CLI = join('dist', 'cli', 'promptvakt-scan.mjs');

export function ensureBuiltCli(): void {
  const r = spawnSync(process.execPath, [join('scripts', 'build-cli.mjs')], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`scripts/build-cli.mjs failed (${r.status ?? r.signal}): ${r.stderr}`);
}
