/**
 * What the public list may show of a letter (个人信息保护法 art. 28–29; the Alaveteli "censor
 * rules" idea): the writer's own name, mobile and landline numbers, ID numbers, e-mail
 * addresses, licence plates and the site's configured words are replaced by ＊ before the
 * question and the reply are copied to the public columns. The copy is made once, when the
 * reply is published, so the public pages never read personal data.
 */

const MASK = '＊';
/** Digits and Latin letters as typed on an ASCII or a full-width (Chinese IME) keyboard. */
const D = '[0-9０-９]';
const L = '[A-Za-zＡ-Ｚａ-ｚ]';
const AT = '[@＠]';
const SEP = '[-－\\s]';
const p = (source: string) => new RegExp(source, 'gu');
const PATTERNS: readonly RegExp[] = [
  // 18-digit resident ID (with X) and 15-digit old ones.
  p(`(?<!${D}|${L})${D}{17}(?:${D}|[XxＸｘ])(?!${D}|${L})`),
  p(`(?<!${D})${D}{15}(?!${D})`),
  // Mobile numbers, with or without +86 and separators.
  p(`(?:[+＋]?(?:86|８６)${SEP}?)?(?<!${D})[1１][3-9３-９]${D}${SEP}?${D}{4}${SEP}?${D}{4}(?!${D})`),
  // Landlines with an area code, and bare 7–8 digit numbers.
  p(`(?<!${D})[0０]${D}{2,3}${SEP}?${D}{7,8}(?!${D})`),
  p(`(?<!${D})${D}{7,8}(?!${D})`),
  p(`[A-Za-z0-9._%+\\-Ａ-Ｚａ-ｚ０-９]+${AT}[A-Za-z0-9.\\-Ａ-Ｚａ-ｚ０-９．]+[.．]${L}{2,}`),
  // Licence plates: 川D12345, 川D·D12345.
  p(`[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-ZＡ-Ｚ][·•]?[A-Z0-9Ａ-Ｚ０-９]{5,6}`),
];

const mask = (s: string) => MASK.repeat(Math.min([...s].length, 11));
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text with personal data and the given words masked. Words shorter than two characters are ignored (too blunt). */
export function redact(text: string, words: readonly string[] = []): string {
  let out = text;
  const listed = [...new Set(words.map((w) => w.trim()).filter((w) => [...w].length >= 2))].sort((a, b) => b.length - a.length);
  if (listed.length) out = out.replace(new RegExp(listed.map(escapeRegExp).join('|'), 'g'), mask);
  for (const p of PATTERNS) out = out.replace(p, mask);
  return out;
}
