/**
 * What the public list may show of a letter (个人信息保护法 art. 28–29; the Alaveteli "censor
 * rules" idea): the writer's own name, mobile and landline numbers, ID numbers, e-mail
 * addresses, licence plates and the site's configured words are replaced by ＊ before the
 * question and the reply are copied to the public columns. The copy is made once, when the
 * reply is published, so the public pages never read personal data.
 */

const MASK = '＊';
const PATTERNS: readonly RegExp[] = [
  // 18-digit resident ID (with X) and 15-digit old ones.
  /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g,
  /(?<!\d)\d{15}(?!\d)/g,
  // Mobile numbers, with or without +86 and separators.
  /(?:\+?86[-\s]?)?(?<!\d)1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?!\d)/g,
  // Landlines with an area code, and bare 7–8 digit numbers.
  /(?<!\d)0\d{2,3}[-\s]?\d{7,8}(?!\d)/g,
  /(?<!\d)\d{7,8}(?!\d)/g,
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g,
  // Licence plates: 川D12345, 川D·D12345.
  /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][·•]?[A-Z0-9]{5,6}/g,
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
