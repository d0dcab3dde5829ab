import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatReport, lineColumn } from '../../lib/report/text-report';
import { scan } from '../../lib/scan';
import { BUILT_CLI, ensureBuiltCli } from './built-cli';

const TSX = join('node_modules', '.bin', 'tsx');

// The spawned runs test the prebuilt CLI, which `npm run scan` runs (the source, cli/scan.ts, is
// tested in-process below and compared with it in "the prebuilt CLI").
ensureBuiltCli();

function spawnCli(command: string, args: string[], input = '') {
  const r = spawnSync(command, args, { input, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function runCli(args: string[], input = '') {
  return spawnCli(process.execPath, [BUILT_CLI, '--date', '2026-11-24', ...args], input);
}

describe('scan CLI --jsonl contract', () => {
  const lines = [
    { id: 'a', text: 'Beslut för Per Nilsson 640823-4174 skickas i dag.' },
    { id: 'b', text: 'Skriv en inbjudan till julbordet.' },
    { id: 'c', text: 'KONFIDENTIELL\nBeredskapsplan för vattenverket' },
    { id: 'd', text: 'e\u200B-post: ａｎｎａ@ex.se och 𝟔𝟒𝟎𝟖𝟐𝟑-𝟒𝟏𝟕𝟒' },
  ];
  const input = lines.map((l) => JSON.stringify(l)).join('\n') + '\n{not json}\n{"id":"e"}\n\n{"id": 7, "text": "ok"}\n';
  const run = runCli(['--jsonl'], input);
  const out = run.stdout.trim().split('\n').map((l) => JSON.parse(l));

  it('writes exactly one JSON line per input line, in order, and nothing else on stdout', () => {
    expect(run.status).toBe(0);
    expect(out.map((o) => o.id)).toEqual(['a', 'b', 'c', 'd', null, 'e', 7]);
  });

  it('reports decisions of the built-in policy', () => {
    expect(out[0].decision).toBe('block');
    expect(out[1]).toEqual({ id: 'b', decision: 'allow', findings: [] });
    expect(out[2].decision).toBe('block');
  });

  it('gives UTF-16 offsets into the original text, and text equal to the slice', () => {
    for (const [i, line] of lines.entries()) {
      for (const f of out[i].findings) {
        expect(line.text.slice(f.start, f.end)).toBe(f.text);
        expect(Object.keys(f).sort()).toEqual(['category', 'end', 'guidelines', 'rule', 'severity', 'start', 'text']);
        expect(f.guidelines.length).toBeGreaterThan(0);
      }
    }
    const pnr = out[3].findings.find((f: { category: string }) => f.category === 'personnummer');
    expect(pnr.text).toBe('𝟔𝟒𝟎𝟖𝟐𝟑-𝟒𝟏𝟕𝟒');
  });

  it('answers a malformed line with an error field and goes on', () => {
    expect(out[4].error).toMatch(/invalid JSON/);
    expect(out[5].error).toMatch(/text/);
    expect(out[6].decision).toBe('allow');
  });
});

describe('scan CLI report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'promptvakt-cli-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('exits 2 for a block and never prints the whole personnummer by default', () => {
    const r = runCli([file('block.txt', 'Hej!\nSökande: Per Nilsson, 640823-4174'), '--lang', 'sv']);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('2:');
    expect(r.stdout).toContain('personnummer');
    expect(r.stdout).not.toContain('640823-4174');
    expect(r.stdout).toMatch(/https:\/\/www\.digg\.se\//);
  });

  it('prints the value with --reveal', () => {
    const r = runCli([file('reveal.txt', 'Pnr 640823-4174'), '--reveal']);
    expect(r.stdout).toContain('640823-4174');
  });

  it('exits 1 for a warning, 0 for a clean prompt, 3 for bad usage or a missing file', () => {
    expect(runCli([file('warn.txt', 'min kollega Lena är sjukskriven sedan mars')]).status).toBe(1);
    expect(runCli([file('clean.txt', 'Skriv en inbjudan till julbordet.')]).status).toBe(0);
    expect(runCli(['--nonsense']).status).toBe(3);
    expect(runCli([join(dir, 'missing.txt')]).status).toBe(3);
  });

  it('reads stdin and speaks English on request', () => {
    const r = runCli(['--lang', 'en'], 'KONFIDENTIELL\nPlan');
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('Blocked');
  });
});

describe('scan CLI and a byte-order mark', () => {
  // Windows editors and PowerShell's Out-File -Encoding utf8 start a file with U+FEFF.
  const dir = mkdtempSync(join(tmpdir(), 'promptvakt-cli-bom-'));
  const BOM = '\uFEFF';
  const jsonl = (id: string, text: string) => JSON.stringify({ id, text });

  it('--jsonl: a BOM at the start of stdin is not part of the first line', () => {
    const r = runCli(['--jsonl'], BOM + jsonl('a', 'Pnr 640823-4174') + '\n' + jsonl('b', 'Hej') + '\n');
    expect(r.status).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => [o.id, o.decision, o.error])).toEqual([['a', 'block', undefined], ['b', 'allow', undefined]]);
    expect(out[0].findings[0]).toMatchObject({ start: 4, end: 15, text: '640823-4174' });
  });

  it('--jsonl FILE reads the file, and a BOM at the start of it or of a joined file is skipped', () => {
    const path = join(dir, 'prompts.jsonl');
    // Two files joined with cat: each starts with a BOM; a line of only a BOM is blank.
    writeFileSync(path, BOM + jsonl('a', 'KONFIDENTIELL\nPlan') + '\r\n' + BOM + jsonl('b', 'Hej') + '\r\n' + BOM + '\n');
    const r = runCli(['--jsonl', path]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l)).map((o) => [o.id, o.decision])).toEqual([['a', 'block'], ['b', 'allow']]);
  });

  it('report: a BOM at the start of a file or of stdin is dropped, so positions are the text\'s', () => {
    const path = join(dir, 'prompt.txt');
    writeFileSync(path, BOM + 'Pnr 640823-4174');
    for (const r of [runCli([path, '--lang', 'en']), runCli(['--lang', 'en'], BOM + 'Pnr 640823-4174'), runCli(['-', '--lang', 'en'], BOM + 'Pnr 640823-4174')]) {
      expect(r.status).toBe(2);
      expect(r.stdout).toMatch(/^1:5 {2}personnummer/m);
    }
  });
});

describe('scan CLI when scan() throws', () => {
  // A bug in a detector must give the contract's error output, not a stack trace.
  let thrown: unknown;
  let main: (argv: string[]) => Promise<number>;
  const dir = mkdtempSync(join(tmpdir(), 'promptvakt-cli-throw-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    vi.resetModules();
    vi.doMock('../../lib/scan', async (importOriginal) => {
      const real = await importOriginal<typeof import('../../lib/scan')>();
      return {
        ...real,
        scan: (text: string, options?: Parameters<typeof real.scan>[1]) => {
          if (text.includes('BOOM')) throw thrown;
          return real.scan(text, options);
        },
      };
    });
    ({ main } = await import('../../cli/scan'));
  });

  afterAll(() => {
    vi.doUnmock('../../lib/scan');
    vi.resetModules();
  });

  async function run(argv: string[]) {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => stdout.push(String(chunk)) > 0);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => stderr.push(String(chunk)) > 0);
    try {
      const status = await main(['--date', '2026-11-24', ...argv]);
      return { status, stdout: stdout.join(''), stderr: stderr.join('') };
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  }

  const STACK_TRACE = /^\s+at .+(?:\(|:\d+:\d+)/m;
  const THROWS: [string, unknown, string][] = [
    ['an Error', new Error('detector exploded'), 'detector exploded'],
    ['null', null, 'null'],
    ['an object that cannot be printed', Object.create(null), 'unknown error'],
  ];

  it.each(THROWS)('--jsonl: %s gives an "error" line for that line only, and the run goes on', async (_, error, message) => {
    thrown = error;
    const input = file('throw.jsonl', [{ id: 'a', text: 'Pnr 640823-4174' }, { id: 'boom', text: 'BOOM' }, { id: 'c', text: 'Hej' }].map((l) => JSON.stringify(l)).join('\n'));
    const r = await run(['--jsonl', input]);
    expect(r.status).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['a', 'boom', 'c']);
    expect(out[0].decision).toBe('block');
    expect(out[1]).toEqual({ id: 'boom', error: `scan failed: ${message}` });
    expect(out[2].decision).toBe('allow');
    expect(r.stderr).toBe(`promptvakt scan: scan failed for id "boom": ${message}\n`);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it.each(THROWS)('report: %s exits 3 with a one-line diagnostic and nothing on stdout', async (_, error, message) => {
    thrown = error;
    const r = await run([file('throw.txt', 'Pnr 640823-4174 BOOM')]);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`promptvakt scan: scan failed: ${message}\n`);
  });

  it('still reports normally when scan() does not throw (the module runs as imported, not as a script)', async () => {
    const r = await run([file('ok.txt', 'Pnr 640823-4174'), '--lang', 'en']);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^1:5 {2}personnummer/m);
    expect(await run(['--jsonl', join(dir, 'missing.jsonl')])).toMatchObject({ status: 3, stdout: '', stderr: expect.stringMatching(/^promptvakt scan: ENOENT[^\n]*\n$/) });
  });
});

describe('the prebuilt CLI', () => {
  const input = [
    { id: 'a', text: 'Beslut för Per Nilsson 640823-4174 skickas i dag.' },
    { id: 'b', text: 'HEMLIG enl. 15:2 OSL\nmin kollega Lena är sjukskriven, ring 070-123 45 67' },
    { id: 'c', text: 'Skriv en inbjudan till julbordet.' },
  ].map((l) => JSON.stringify(l)).join('\n') + '\n{not json}\n';

  it('answers --jsonl byte for byte as the source does under tsx (npm run scan:dev), and so does npm run scan\'s launcher', () => {
    const built = runCli(['--jsonl'], input);
    const source = spawnCli(TSX, ['cli/scan.ts', '--date', '2026-11-24', '--jsonl'], input);
    const launcher = spawnCli(process.execPath, ['scripts/scan.mjs', '--date', '2026-11-24', '--jsonl'], input);
    expect(built).toMatchObject({ status: 0, stderr: '' });
    expect(built.stdout.split('\n')).toHaveLength(5);
    expect(source).toEqual(built);
    expect(launcher).toEqual(built);
  }, 60_000);

  it('gives the same report and exit status through the launcher', () => {
    const args = ['--date', '2026-11-24', '--lang', 'en'];
    const built = spawnCli(process.execPath, [BUILT_CLI, ...args], 'Pnr 640823-4174');
    expect(built.status).toBe(2);
    expect(spawnCli(process.execPath, ['scripts/scan.mjs', ...args], 'Pnr 640823-4174')).toEqual(built);
  });

  it('is an executable ES module with a node shebang (package.json "bin")', () => {
    expect(readFileSync(BUILT_CLI, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(() => accessSync(BUILT_CLI, constants.X_OK)).not.toThrow();
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.bin['promptvakt-scan']).toBe(BUILT_CLI.replaceAll('\\', '/'));
  });

  it('loads neither zod nor compromise unless --english-nlp asks for compromise', () => {
    // Every file the entry imports statically, transitively: what every start reads.
    const read = new Set<string>();
    const visit = (file: string) => {
      if (read.has(file)) return;
      read.add(file);
      for (const m of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\b[^;]*?from\s*"(\.[^"]+)"/gms)) visit(join(dirname(file), m[1]!));
    };
    visit(BUILT_CLI);
    const text = [...read].map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(read.size).toBeGreaterThan(1);
    expect(text).not.toMatch(/node_modules\/(?:zod|compromise)\//);
    expect(text).toMatch(/lib\/scan\.ts/);
  });

  it('finds English names with --english-nlp, from its own chunk', () => {
    const line = JSON.stringify({ id: 'nlp', text: 'Thaddeus Featherstonehaugh was diagnosed with diabetes last year.' }) + '\n';
    expect(JSON.parse(runCli(['--jsonl'], line).stdout).findings).toEqual([]);
    const withNlp = runCli(['--jsonl', '--english-nlp'], line);
    expect(withNlp.stderr).toBe('');
    expect(JSON.parse(withNlp.stdout).findings.map((f: { category: string }) => f.category)).toContain('health');
  });
});

describe('report positions', () => {
  it('gives line:column of every finding, counting line breaks once for the whole report', () => {
    const text = ['Hej!', 'Pnr 640823-4174', '', 'HEMLIG', 'Text', '  mejl anna@exempel.se och 850709-9805'].join('\n').repeat(3);
    const result = scan(text, { referenceDate: new Date('2026-11-24T12:00:00Z') });
    const report = formatReport(text, result, { lang: 'en', reveal: true, source: 'x' });
    const positions = [...report.matchAll(/^(\d+):(\d+) {2}/gm)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(positions).toEqual(result.findings.map((f) => lineColumn(text, f.start)));
    expect(positions.slice(0, 3)).toEqual([[2, 5], [4, 1], [6, 8]]);
    expect(positions.at(-1)).toEqual([16, 28]);
  });
});
