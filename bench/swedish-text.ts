/**
 * Deterministic Swedish office prose for benchmarks: case notes, e-mails and
 * minutes with the occasional name, date, amount and identity number, so the
 * engine meets what it meets in real prompts (not only clean text).
 */
const SENTENCES = [
  'Kommunen ska under året genomföra en översyn av verksamheten inom kultur och fritid.',
  'Mötet flyttades till torsdag eftersom lokalen var upptagen av valnämnden.',
  'Hon berättade att ansökan kom in den 3 november och att handläggningen pågår.',
  'Beslutet kan överklagas till förvaltningsrätten inom tre veckor från delgivning.',
  'Enligt protokollet från den 12 oktober beslutade nämnden att anta budgeten för 2027.',
  'Vi behöver en sammanfattning i punktform till förvaltningschefen före fredag.',
  'Bygglovsansökan för fastigheten Norrby 2:14 kompletterades med ritningar i september.',
  'Biblioteket har öppet till klockan 20 på vardagar och till 16 på lördagar.',
  'Dnr KS 2026/0412 gäller upphandlingen av färdtjänst för perioden 2027–2030.',
  'Kostnaden beräknas till 68 400 kronor inklusive moms enligt offerten.',
  'Skriv ett vänligt svar till medborgaren och hänvisa till kommunens webbplats.',
  'Anna Lindqvist på ekonomienheten har tagit fram underlaget till delårsrapporten.',
  'Ring 08-123 456 78 eller mejla registrator@exempelby.se för frågor om ärendet.',
  'Rapporten visar att besöksantalet ökade med 12 procent jämfört med förra året.',
  'Eleverna i årskurs 5 ska besöka länsmuseet under höstlovet.',
  'Sökande: Per Nilsson, 640823-4174, Storgatan 8B.',
  'Planen ska innehålla mål, aktiviteter, ansvariga och en tidsplan för uppföljning.',
  'Min kollega har frågat om vi kan ändra schemat för simhallen i december.',
];

/** Mulberry32: a tiny seeded PRNG so every run measures the same text (bench/corpus/generate.ts uses it too). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function swedishText(bytes: number, seed = 42): string {
  const random = prng(seed);
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    const sentence = SENTENCES[Math.floor(random() * SENTENCES.length)]!;
    const separator = random() < 0.15 ? '\n\n' : random() < 0.3 ? '\n' : ' ';
    parts.push(sentence, separator);
    length += sentence.length + separator.length;
  }
  return parts.join('').slice(0, bytes);
}
