/**
 * Which attached files are read and checked (entrypoints/content/text-files.ts)
 * and the text of an RTF file (lib/text/rtf.ts): text by name, by type or by
 * content, binary and oversized files left for the reminder, RTF read for its
 * words and not its markup.
 */
import { describe, expect, it } from 'vitest';
import { bytesLookLikeText, looksLikeTextFile, readTextFiles } from '../../entrypoints/content/text-files';
import { rtfToText } from '../../lib/text/rtf';
import { scan } from '../../lib/scan';

const PNR = '640823-4174';
const MB = 1024 * 1024;

describe('text files by name, type and content', () => {
  it.each(['anteckning.txt', 'export.sql', 'config.yaml', 'config.yml', 'brev.rtf', 'script.ps1', 'job.sh', 'analys.py', 'app.js', 'app.ts', 'undertext.srt', 'undertext.vtt', 'inst.ini', 'nginx.conf', 'data.tsv'])(
    '%s is text by its name',
    (name) => expect(looksLikeTextFile(new File(['x'], name))).toBe(true),
  );

  it('knows text types whatever the name', () => {
    expect(looksLikeTextFile(new File(['x'], 'utan-namn', { type: 'application/sql' }))).toBe(true);
    expect(looksLikeTextFile(new File(['x'], 'utan-namn', { type: 'application/x-yaml' }))).toBe(true);
    expect(looksLikeTextFile(new File(['x'], 'utan-namn', { type: 'text/x-python' }))).toBe(true);
    expect(looksLikeTextFile(new File(['x'], 'bild.png', { type: 'image/png' }))).toBe(false);
  });

  it('sniffs content: UTF-8 without NUL is text, binary is not, a character cut at the end is fine', () => {
    expect(bytesLookLikeText(new TextEncoder().encode(`Sökande ${PNR}, Malmö`))).toBe(true);
    expect(bytesLookLikeText(new TextEncoder().encode('åäö').slice(0, 5))).toBe(true);
    expect(bytesLookLikeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x14]))).toBe(false);
    expect(bytesLookLikeText(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0xe2, 0xe3, 0xcf, 0xd3]))).toBe(false);
  });

  it('reads a file without a telling name or type by its content, and never a PDF or an image', async () => {
    const files = [
      new File([`namn;personnummer\nPer Nilsson;${PNR}\n`], 'EXPORT_2024'),
      new File(['%PDF-1.7 only ascii'], 'beslut.pdf', { type: 'application/pdf' }),
      new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00])], 'skärmbild.png', { type: 'image/png' }),
    ];
    const read = await readTextFiles(files, 5 * MB);
    expect(read.text).toContain(PNR);
    expect(read.text).toContain('EXPORT_2024');
    expect(read.unread).toEqual(['beslut.pdf', 'skärmbild.png']);
  });

  it('leaves files over the size limit unread, for the reminder', async () => {
    const big = new File([`${PNR}\n`.repeat(200_000)], 'stor.csv');
    const read = await readTextFiles([big, new File(['hej'], 'liten.txt')], 1 * MB);
    expect(read.unread).toEqual(['stor.csv']);
    expect(read.text).toBe('liten.txt\nhej');
  });

  it('reads an RTF file for its text, so the engine finds what it says', async () => {
    const rtf = `{\\rtf1\\ansi{\\fonttbl{\\f0 Calibri;}}\\f0 S\\'f6kande: Per Nilsson\\par Personnummer ${PNR}\\par}`;
    const read = await readTextFiles([new File([rtf], 'brev.rtf', { type: 'application/rtf' })], 5 * MB);
    expect(read.text).toBe(`brev.rtf\nSökande: Per Nilsson\nPersonnummer ${PNR}\n`);
    expect(scan(read.text!).findings.map((f) => f.category)).toContain('personnummer');
  });
});

describe('rtfToText', () => {
  it('drops font and colour tables, {\\* …} destinations and pictures', () => {
    const rtf =
      '{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0\\fswiss Arial;}}{\\colortbl;\\red255\\green0\\blue0;}{\\*\\generator Word;}' +
      '{\\pict\\pngblip 89504e47}Hej{\\b  v\\u228?rlden}\\par}';
    expect(rtfToText(rtf)).toBe('Hej världen\n');
  });

  it('decodes Windows-1252 escapes, \\uN with its fallback, and escaped braces', () => {
    expect(rtfToText("{\\rtf1 \\'80 \\'e5\\'e4\\'f6 \\u8364\\'80 \\{x\\} \\\\}")).toBe('€ åäö € {x} \\');
    expect(rtfToText('{\\rtf1\\uc2 \\u8212\\\'97\\\'97 slut}')).toBe('— slut');
  });

  it('turns cells and tabs into tabs and rows into lines', () => {
    expect(rtfToText('{\\rtf1 Namn\\cell Per\\cell\\row Nr\\tab 1\\par}')).toBe('Namn\tPer\t\nNr\t1\n');
  });

  it('never throws on hostile input: deep nesting, lone backslashes, bad escapes, unbalanced braces', () => {
    const hostile = '{'.repeat(100_000) + '\\'.repeat(100_001) + "\\'zz\\u-99999999999 x" + '}'.repeat(150_000) + 'slut';
    expect(rtfToText(hostile)).toContain('slut');
  });
});
