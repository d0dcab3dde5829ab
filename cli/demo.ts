/**
 * `npm start` (until the browser demo lands): shows what Promptvakt does with
 * a few typical prompts, using the same engine and built-in policy as the
 * extension, then says where the built extension is.
 */
import { formatReport } from '../lib/report/text-report';
import { scan } from '../lib/scan';
import { envLanguage } from './env-language';

const lang = envLanguage();

const name = (n: number) => (lang === 'sv' ? `exempel ${n}` : `example ${n}`);
const PROMPTS: [string, string][] = [
  [name(1), 'Skriv ett vänligt avslag till Per Nilsson, 640823-4174, på hans ansökan om parkeringstillstånd.'],
  [name(2), 'Sammanfatta i tre punkter:\n\nKONFIDENTIELL\nBeredskapsplan för vattenförsörjning vid höjd beredskap …'],
  [name(3), 'min kollega Lena är sjukskriven för utmattningssyndrom, hjälp mig skriva en plan för arbetsträning'],
  [name(4), 'Vilka symtom har astma hos barn? Skriv en kort text till förskolans föräldrabrev.'],
];

for (const [name, text] of PROMPTS) {
  console.log('─'.repeat(72));
  console.log(text);
  console.log();
  process.stdout.write(formatReport(text, scan(text), { lang, reveal: false, source: name }));
}
console.log('─'.repeat(72));
console.log(
  lang === 'sv'
    ? 'Tillägget är byggt i .output/chrome-mv3 (Chrome/Edge) och .output/firefox-mv2 (Firefox); se README för hur det laddas.\nSkanna egen text: npm run scan -- FIL'
    : 'The extension is built in .output/chrome-mv3 (Chrome/Edge) and .output/firefox-mv2 (Firefox); see README to load it.\nScan your own text: npm run scan -- FILE',
);
