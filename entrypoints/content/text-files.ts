/**
 * Files attached to a prompt (file input, drop, paste anywhere on the page)
 * are read and scanned before the upload goes on when they hold text. A file
 * counts as text by its name or type, or else by its content: its first
 * bytes are valid UTF-8 without NUL bytes (a script, a config file, an export
 * with an odd extension). RTF is read for its text. Other files (PDF, Word,
 * images) and files over the policy's size limit are not read: the dialog
 * reminds the employee to check them (policy: uploads.otherFiles).
 */
import { rtfToText } from '../../lib/text/rtf';

const TEXT_EXTENSIONS =
  /\.(?:txt|text|csv|tsv|md|markdown|json|jsonl|ndjson|xml|html?|xhtml|eml|mbox|log|sql|ya?ml|rtf|ini|conf|cfg|env|properties|toml|ps1|psm1|bat|cmd|sh|bash|zsh|py|js|mjs|cjs|ts|tsx|jsx|java|cs|go|rb|php|r|srt|vtt|tex)$/i;
const TEXT_TYPES = /^(?:text\/|application\/(?:json|xml|x-yaml|yaml|sql|rtf|x-sh|javascript|x-python|x-subrip)|image\/svg\+xml)/i;
/** How much of a file without a telling name is looked at to decide whether it is text. */
const SNIFF_BYTES = 4096;

export interface ReadFiles {
  /** The text of every text file, each preceded by its name, or null when there is none. */
  text: string | null;
  /** Files that were not read: not text, or over the size limit. */
  unread: string[];
}

/** Does the name or type say text? */
export function looksLikeTextFile(file: File): boolean {
  return TEXT_EXTENSIONS.test(file.name) || TEXT_TYPES.test(file.type);
}

/** Do the first bytes say text: valid UTF-8 (a character cut at the end is fine) and no NUL byte? */
export function bytesLookLikeText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Types that say "some file": only these are looked into. A PDF, an image or an Office file is never text. */
const UNTOLD_TYPES = new Set(['', 'application/octet-stream']);

async function isText(file: File): Promise<boolean> {
  if (looksLikeTextFile(file)) return true;
  if (file.size === 0 || !UNTOLD_TYPES.has(file.type)) return false;
  return bytesLookLikeText(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
}

/** Reads the text files among `files`, up to `maxBytes` each; larger files are left unread. */
export async function readTextFiles(files: readonly File[], maxBytes: number): Promise<ReadFiles> {
  const texts: string[] = [];
  const unread: string[] = [];
  for (const file of files) {
    if (file.size > maxBytes || !(await isText(file))) {
      unread.push(file.name);
      continue;
    }
    const raw = await file.text();
    const text = /\.rtf$/i.test(file.name) || /rtf/i.test(file.type) || raw.startsWith('{\\rtf') ? rtfToText(raw) : raw;
    texts.push(`${file.name}\n${text}`);
  }
  return { text: texts.length ? texts.join('\n\n') : null, unread };
}
