#!/usr/bin/env node
/**
 * `npm run scan`: runs the prebuilt scan CLI (dist/cli/promptvakt-scan.mjs), building it first
 * when it is missing or older than its sources (scripts/build-cli.mjs; about a second, once), so
 * a fresh clone's `npm run scan` just works. The CLI itself is cli/scan.ts (docs/CLI.md);
 * `npm run scan:dev` runs that source with tsx instead.
 */
import { pathToFileURL } from 'node:url';
import { CLI_ENTRY, ensureCliBuilt } from './build-cli.mjs';

function messageOf(error) {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'unknown error';
  }
}

try {
  await ensureCliBuilt();
} catch (error) {
  // Exit status 3 is the CLI's "error"; nothing on stdout, as the --jsonl contract wants.
  const hint = error?.code === 'ERR_MODULE_NOT_FOUND' ? '; `npm ci` installs what the build needs' : '';
  process.stderr.write(`promptvakt scan: could not build the CLI: ${messageOf(error)}${hint}\n`);
  process.exit(3);
}
const { main } = await import(pathToFileURL(CLI_ENTRY).href);
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`promptvakt scan: ${messageOf(error)}\n`);
  process.exitCode = 3;
}
