/**
 * Text files attached to a prompt (file input, drop, paste) are read and
 * scanned before the upload goes on. Other file types are not read.
 */
const TEXT_EXTENSIONS = /\.(?:txt|csv|md|json|xml|html?|eml|log|tsv)$/i;
/** Larger files are read up to this many characters: enough for any prompt-sized upload. */
const MAX_CHARS = 5_000_000;

export function isTextFile(file: File): boolean {
  return TEXT_EXTENSIONS.test(file.name) || file.type.startsWith('text/') || file.type === 'application/json';
}

/** The text of every text file, each preceded by its name, or null when there is none. */
export async function readTextFiles(files: readonly File[]): Promise<string | null> {
  const texts: string[] = [];
  for (const file of files) {
    if (!isTextFile(file)) continue;
    const text = await file.slice(0, MAX_CHARS * 4).text();
    texts.push(`${file.name}\n${text.slice(0, MAX_CHARS)}`);
  }
  return texts.length ? texts.join('\n\n') : null;
}
