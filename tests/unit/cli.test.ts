import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatReport, lineColumn } from '../../lib/report/text-report';
import { scan } from '../../lib/scan';

const TSX = join('node_modules', '.bin', 'tsx');

function runCli(args: string[], input = '') {
  const r = spawnSync(TSX, ['cli/scan.ts', '--date', '2026-11-24', ...args], { input, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
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
