/**
 * Scan CLI start-up (`npm run bench`): the time from starting the process to the first output
 * line for a one-line `--jsonl` input, median of 10 starts, for
 *   - the prebuilt CLI itself, `node dist/cli/promptvakt-scan.mjs --jsonl` (target ≤ 150 ms),
 *   - `npm run --silent scan -- --jsonl` (npm, the launcher's staleness check, then the same CLI),
 *   - the TypeScript source under tsx, `npm run scan:dev` without npm (3 starts: it is slow),
 *   - and Node alone echoing the line, the floor on this machine.
 * Builds the CLI first if it is missing or stale (scripts/build-cli.mjs), so that is not timed.
 * Figures on a busy 2-core machine are indicative; the minimum shows what an idle one would do.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join('dist', 'cli', 'promptvakt-scan.mjs');
const LINE = JSON.stringify({ id: 'b1', text: 'Beslut för Per Nilsson 640823-4174 skickas i dag.' }) + '\n';
const ECHO = "process.stdin.once('data', (d) => process.stdout.write(String(d).split('\\n')[0] + '\\n'))";

/** Milliseconds from spawning `command` until its first complete stdout line. */
function firstLine(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let at: number | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out += d;
      if (at === undefined && out.includes('\n')) at = performance.now() - t0;
    });
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', reject);
    child.on('close', (status) => {
      if (status !== 0 || at === undefined) reject(new Error(`${command} ${args.join(' ')}: exit ${status}, ${err.trim() || 'no output'}`));
      else resolve(at);
    });
    child.stdin.end(LINE);
  });
}

async function starts(command: string, args: string[], runs: number): Promise<{ median: number; min: number; max: number }> {
  await firstLine(command, args); // once untimed: the file system cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await firstLine(command, args));
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)]!, min: times[0]!, max: times[runs - 1]! };
}

const build = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT, encoding: 'utf8' });
if (build.status !== 0) throw new Error(`scripts/build-cli.mjs failed: ${build.stderr}`);

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const rows: [string, string, { median: number; min: number; max: number }][] = [
  ['node alone (echo)', '', await starts(process.execPath, ['-e', ECHO], 10)],
  ['prebuilt CLI', `node ${CLI} --jsonl`, await starts(process.execPath, [CLI, '--jsonl'], 10)],
  ['npm run scan', 'npm run --silent scan -- --jsonl', await starts(npm, ['run', '--silent', 'scan', '--', '--jsonl'], 10)],
  ['source under tsx', 'tsx cli/scan.ts --jsonl (npm run scan:dev)', await starts(join('node_modules', '.bin', 'tsx'), ['cli/scan.ts', '--jsonl'], 3)],
];
console.log('Scan CLI: process start → first --jsonl output line (ms; median of 10, tsx of 3)');
for (const [label, command, t] of rows) {
  const target = label === 'prebuilt CLI' ? `  target ≤ 150: ${t.median <= 150 ? 'met' : 'not met'}` : '';
  console.log(`  ${label.padEnd(18)} median ${t.median.toFixed(0).padStart(5)}  min ${t.min.toFixed(0).padStart(5)}  max ${t.max.toFixed(0).padStart(5)}${target}${command ? `  (${command})` : ''}`);
}
