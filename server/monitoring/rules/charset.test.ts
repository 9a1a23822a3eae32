import { describe, expect, it } from 'vitest';
import { decodeHtml, detectCharset } from './charset.ts';

/** GB18030 bytes of `text`, found by decoding candidate byte pairs (Node has no GBK encoder). */
function gbk(text: string): Buffer {
  const dec = new TextDecoder('gb18030');
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) {
      out.push(ch.charCodeAt(0));
      continue;
    }
    let found: number[] | null = null;
    for (let hi = 0x81; hi <= 0xfe && !found; hi++)
      for (let lo = 0x40; lo <= 0xfe && !found; lo++) if (dec.decode(Uint8Array.of(hi, lo)) === ch) found = [hi, lo];
    if (!found) throw new Error(`no GBK bytes for ${ch}`);
    out.push(...found);
  }
  return Buffer.from(out);
}

describe('decoding pages', () => {
  const html = '<html><head><title>政务公开</title></head><body>通知公告</body></html>';

  it('takes the charset from the header, then a meta tag, then sniffs', () => {
    expect(decodeHtml(gbk(html), 'text/html; charset=GBK')).toEqual({ html, charset: 'gb18030' });
    const withMeta = `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">${html}`;
    expect(decodeHtml(gbk(withMeta), 'text/html')).toEqual({ html: withMeta, charset: 'gb18030' });
    expect(decodeHtml(gbk(html), '')).toEqual({ html, charset: 'gb18030' });
    expect(decodeHtml(Buffer.from(html), '')).toEqual({ html, charset: 'utf-8' });
    // A header naming no charset that exists is not believed.
    expect(decodeHtml(Buffer.from(html), 'text/html; charset=nonsense')).toEqual({ html, charset: 'utf-8' });
  });

  it('drops a byte-order mark and turns bad bytes into U+FFFD instead of throwing', () => {
    expect(decodeHtml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html)]), '')).toEqual({ html, charset: 'utf-8' });
    expect(decodeHtml(Buffer.from([0x61, 0xff, 0x62]), 'text/html; charset=utf-8').html).toBe('a\ufffdb');
  });

  it('keeps UTF-8 when the 64 KB it sniffs ends inside a character', () => {
    for (const pad of [0, 1, 2, 3]) {
      const bytes = Buffer.from('a'.repeat(65_536 - 4 + pad) + '𠀀政务'.repeat(10));
      expect(detectCharset(bytes, ''), `pad ${pad}`).toBe('utf-8');
    }
    const broken = Buffer.concat([Buffer.from('a'.repeat(100)), gbk('政务公开')]);
    expect(detectCharset(broken, '')).toBe('gb18030');
  });
});
