/** The language for command-line output: Swedish when the locale (LC_ALL, LANG) is Swedish, else English. */
export function envLanguage(): 'sv' | 'en' {
  return (process.env.LC_ALL || process.env.LANG || '').toLowerCase().startsWith('sv') ? 'sv' : 'en';
}
