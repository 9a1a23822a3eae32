import { createCipheriv, createDecipheriv, createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  blindIndex,
  decryptPersonal,
  encryptPersonal,
  generateDataKey,
  needsRotation,
  parseDataKeys,
  PersonalDataError,
  reencryptPersonal,
  signPayload,
  verifyPayload,
} from './personal-data.ts';

/** A distinct, recognisable 16-byte key per fill byte. */
const key = (fill: number) => Buffer.alloc(16, fill).toString('base64');
const K2025 = key(0x25);
const K2026 = key(0x26);
const INDEX = key(0x1d);
const ID_NUMBER = '11010519491231002X';

/** The error code a call fails with, or undefined when it succeeds. */
function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof PersonalDataError) return e.code;
    throw e;
  }
  return undefined;
}

/** Changes the first character of one dot-separated part (always a canonical change for base64url). */
function changePart(token: string, part: number, to?: string): string {
  const parts = token.split('.');
  const p = parts[part] as string;
  parts[part] = to ?? (p.startsWith('A') ? 'B' : 'A') + p.slice(1);
  return parts.join('.');
}

describe('SM4 and SM3 in node:crypto', () => {
  it('encrypts the GB/T 32907-2016 example block to its published ciphertext, so the cipher really is SM4', () => {
    const k = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const cipher = createCipheriv('sm4-ecb', k, null).setAutoPadding(false);
    const out = Buffer.concat([cipher.update(k), cipher.final()]);
    expect(out.toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('hashes "abc" to the GB/T 32905-2016 example digest, so the MAC really is SM3', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
});

describe('personal data encryption', () => {
  const ring = parseDataKeys(`k2026:${K2026},k2025:${K2025}`);

  it('round-trips Chinese text, an 18-character ID number and an empty value', () => {
    for (const value of ['张三，北京市东城区东华门街道 1 号', ID_NUMBER, '']) {
      expect(decryptPersonal(ring, encryptPersonal(ring, value))).toBe(value);
    }
  });

  it('writes version, current key id, iv, ciphertext and tag, and leaks no plaintext', () => {
    const token = encryptPersonal(ring, ID_NUMBER);
    expect(token).toMatch(/^v1\.k2026\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{24}\.[A-Za-z0-9_-]{43}$/);
    expect(token).not.toContain('110105');
  });

  it('uses a different IV every time, so the same value gives different tokens', () => {
    const a = encryptPersonal(ring, ID_NUMBER);
    const b = encryptPersonal(ring, ID_NUMBER);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
    expect(a).not.toBe(b);
  });

  it('can be opened by hand with the documented key derivation and format', () => {
    const [version, keyId, iv, ct, tag] = encryptPersonal(ring, ID_NUMBER).split('.') as [string, string, string, string, string];
    const k = Buffer.from(K2026, 'base64');
    const encKey = createHmac('sm3', k).update('gongkai-enc').digest().subarray(0, 16);
    const macKey = createHmac('sm3', k).update('gongkai-mac').digest();
    const expectedTag = createHmac('sm3', macKey).update(`${version}.${keyId}.${iv}.${ct}`).digest();
    expect(timingSafeEqual(expectedTag, Buffer.from(tag, 'base64url'))).toBe(true);
    const decipher = createDecipheriv('sm4-ctr', encKey, Buffer.from(iv, 'base64url'));
    expect(Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8')).toBe(ID_NUMBER);
  });

  it('refuses a change to the iv, ciphertext or tag as tampered', () => {
    const token = encryptPersonal(ring, '李四 13800138000');
    expect(codeOf(() => decryptPersonal(ring, changePart(token, 2)))).toBe('tampered');
    expect(codeOf(() => decryptPersonal(ring, changePart(token, 3)))).toBe('tampered');
    expect(codeOf(() => decryptPersonal(ring, changePart(token, 4)))).toBe('tampered');
  });

  it('refuses a token relabelled with another configured key id as tampered', () => {
    const token = encryptPersonal(ring, ID_NUMBER);
    expect(codeOf(() => decryptPersonal(ring, changePart(token, 1, 'k2025')))).toBe('tampered');
  });

  it('refuses an unknown key id', () => {
    const token = encryptPersonal(ring, ID_NUMBER);
    expect(codeOf(() => decryptPersonal(ring, changePart(token, 1, 'k2099')))).toBe('unknown_key');
    expect(codeOf(() => decryptPersonal(parseDataKeys(`other:${K2025}`), token))).toBe('unknown_key');
  });

  it('refuses another version as unsupported and a token without one as malformed', () => {
    const token = encryptPersonal(ring, ID_NUMBER);
    expect(codeOf(() => decryptPersonal(ring, changePart(token, 0, 'v2')))).toBe('unsupported_version');
    expect(codeOf(() => decryptPersonal(ring, changePart(token, 0, 'x1')))).toBe('malformed');
  });

  it('refuses malformed tokens: missing parts, bad base64url, short iv or tag', () => {
    const token = encryptPersonal(ring, ID_NUMBER);
    const parts = token.split('.');
    for (const bad of [
      '',
      ID_NUMBER,
      parts.slice(0, 4).join('.'),
      `${token}.x`,
      changePart(token, 2, 'not*base64'),
      changePart(token, 2, (parts[2] as string).slice(0, 20)),
      changePart(token, 4, (parts[4] as string).slice(0, 22)),
      changePart(token, 1, 'bad id'),
    ]) {
      expect(codeOf(() => decryptPersonal(ring, bad))).toBe('malformed');
    }
  });

  it('refuses a tag respelled in base64url with different unused bits, though it decodes to the same bytes', () => {
    const token = encryptPersonal(ring, ID_NUMBER);
    const tag = token.split('.')[4] as string;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // 32 bytes take 43 characters; the last one carries 4 bits of data and 2 unused bits.
    const respelled = tag.slice(0, -1) + alphabet[alphabet.indexOf(tag.slice(-1)) ^ 1];
    expect(Buffer.from(respelled, 'base64url').equals(Buffer.from(tag, 'base64url'))).toBe(true);
    expect(codeOf(() => decryptPersonal(ring, changePart(token, 4, respelled)))).toBe('malformed');
  });

  it('refuses every single-character change anywhere in a token, never returning garbage', () => {
    const token = encryptPersonal(ring, ID_NUMBER);
    for (let i = 0; i < token.length; i++) {
      for (const c of ['A', 'z', '.', '_']) {
        if (token[i] === c) continue;
        const changed = token.slice(0, i) + c + token.slice(i + 1);
        expect(
          codeOf(() => decryptPersonal(ring, changed)),
          `change at ${i} to ${c}`,
        ).toBeDefined();
      }
    }
  });

  it('refuses a value with a lone surrogate, which could not round-trip', () => {
    expect(() => encryptPersonal(ring, 'ab\uD800c')).toThrow(/well-formed/);
  });
});

describe('key rotation', () => {
  const oldRing = parseDataKeys(`k2025:${K2025}`);
  const newRing = parseDataKeys(`k2026:${K2026},k2025:${K2025}`);

  it('decrypts a token of the old key after a new current key is added, and marks it for rotation', () => {
    const token = encryptPersonal(oldRing, ID_NUMBER);
    expect(decryptPersonal(newRing, token)).toBe(ID_NUMBER);
    expect(needsRotation(newRing, token)).toBe(true);
    expect(needsRotation(oldRing, token)).toBe(false);
  });

  it('re-encrypts an old token under the current key, which still opens once the old key is removed', () => {
    const old = encryptPersonal(oldRing, ID_NUMBER);
    const rotated = reencryptPersonal(newRing, old);
    expect(rotated.startsWith('v1.k2026.')).toBe(true);
    expect(needsRotation(newRing, rotated)).toBe(false);
    const retired = parseDataKeys(`k2026:${K2026}`);
    expect(decryptPersonal(retired, rotated)).toBe(ID_NUMBER);
    expect(codeOf(() => decryptPersonal(retired, old))).toBe('unknown_key');
  });

  it('returns a token already on the current key unchanged, but still refuses a tampered one', () => {
    const token = encryptPersonal(newRing, ID_NUMBER);
    expect(reencryptPersonal(newRing, token)).toBe(token);
    expect(codeOf(() => reencryptPersonal(newRing, changePart(token, 3)))).toBe('tampered');
  });
});

describe('blind index', () => {
  it('stays the same across data-key rotation, because it uses its own index key', () => {
    const before = parseDataKeys(`k2025:${K2025},index:${INDEX}`);
    const during = parseDataKeys(`index:${INDEX},k2026:${K2026},k2025:${K2025}`);
    const after = parseDataKeys(`k2026:${K2026},index:${INDEX}`);
    const b = blindIndex(before, ID_NUMBER, 'id-number');
    expect(b).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(blindIndex(during, ID_NUMBER, 'id-number')).toBe(b);
    expect(blindIndex(after, ID_NUMBER, 'id-number')).toBe(b);
  });

  it('differs per purpose, per value and per index key', () => {
    const ring = parseDataKeys(`k2026:${K2026},index:${INDEX}`);
    const other = parseDataKeys(`k2026:${K2026},index:${key(0x1e)}`);
    const b = blindIndex(ring, '13800138000', 'phone');
    expect(blindIndex(ring, '13800138000', 'applicant-phone')).not.toBe(b);
    expect(blindIndex(ring, '13800138001', 'phone')).not.toBe(b);
    expect(blindIndex(other, '13800138000', 'phone')).not.toBe(b);
  });

  it('matches the same ID number written with full-width digits, spaces or a lower-case check digit', () => {
    const ring = parseDataKeys(`k2026:${K2026},index:${INDEX}`);
    const b = blindIndex(ring, ID_NUMBER, 'id-number');
    expect(blindIndex(ring, ' 110105 19491231 002x ', 'id-number')).toBe(b);
    expect(blindIndex(ring, '１１０１０５１９４９１２３１００２Ｘ', 'id-number')).toBe(b);
  });

  it('needs a configured index key, a valid purpose and a non-empty value', () => {
    expect(codeOf(() => blindIndex(parseDataKeys(`k2026:${K2026}`), ID_NUMBER, 'id-number'))).toBe('no_index_key');
    const ring = parseDataKeys(`k2026:${K2026},index:${INDEX}`);
    expect(() => blindIndex(ring, ID_NUMBER, 'ID number')).toThrow(/purpose/);
    expect(() => blindIndex(ring, ' - ', 'phone')).toThrow(/empty/);
  });
});

describe('data key configuration', () => {
  it('takes the first data key as current, wherever the index entry is, and tolerates spaces', () => {
    const ring = parseDataKeys(` index:${INDEX} , k2026:${K2026},\n k2025 : ${K2025} `);
    expect(ring.currentKeyId).toBe('k2026');
    expect(ring.keyIds).toEqual(['k2026', 'k2025']);
    expect(ring.hasIndexKey).toBe(true);
  });

  it('shows no key material when a keyring is logged or serialised', () => {
    const ring = parseDataKeys(`k2026:${K2026},index:${INDEX}`);
    for (const shown of [JSON.stringify(ring), inspect(ring, { showHidden: true, depth: 5 })]) {
      expect(shown).toContain('k2026');
      expect(shown).not.toContain(K2026);
      expect(shown).not.toContain(INDEX);
    }
  });

  it.each([
    ['an empty value', '', /no key configured/],
    ['only commas and spaces', ' , ,', /no key configured/],
    ['an entry without a colon', K2026, /entry 1 has no ':'/],
    ['a key id with a space', `k 2026:${K2026}`, /entry 1: key id must be/],
    ['a key id of 17 characters', `k2026abcdefghijkl:${K2026}`, /entry 1: key id must be/],
    ['an empty key id', `:${K2026}`, /entry 1: key id must be/],
    ['a key that is not base64', 'k2026:not base64!', /entry 1 \("k2026"\): key is not valid base64/],
    ['a 15-byte key', `k2026:${Buffer.alloc(15, 1).toString('base64')}`, /must be 16 bytes for SM4, got 15/],
    ['a 32-byte key', `k2026:${Buffer.alloc(32, 1).toString('base64')}`, /must be 16 bytes for SM4, got 32/],
    ['a duplicate key id', `k2026:${K2026},k2026:${K2025}`, /entry 2: duplicate key id "k2026"/],
    ['two index entries', `k2026:${K2026},index:${INDEX},index:${key(0x1e)}`, /entry 3: duplicate key id "index"/],
    ['the same key under two ids', `k2026:${K2026},k2025:${K2026}`, /entry 2 \("k2025"\): same key as "k2026"/],
    ['an index key equal to a data key', `k2026:${K2026},index:${K2026}`, /index key must differ from data key "k2026"/],
    ['only an index key', `index:${INDEX}`, /only an index key/],
  ])('refuses %s with a message naming the problem and not the key', (_what, text, message) => {
    let error: unknown;
    try {
      parseDataKeys(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(message);
    for (const k of [K2026, K2025, INDEX]) expect((error as Error).message).not.toContain(k);
  });

  it('generates new random keys that parse, including an index key', () => {
    const a = generateDataKey('k2027');
    const b = generateDataKey();
    expect(a).toMatch(/^k2027:[A-Za-z0-9+/]{22}==$/);
    expect(b).toMatch(/^k[0-9a-f]{8}:/);
    const ring = parseDataKeys(`${a},${b},${generateDataKey('index')}`);
    expect(ring.currentKeyId).toBe('k2027');
    expect(decryptPersonal(ring, encryptPersonal(ring, ID_NUMBER))).toBe(ID_NUMBER);
    expect(() => generateDataKey('bad id')).toThrow(/key id/);
  });
});

describe('signed payloads', () => {
  const ring = parseDataKeys(`${generateDataKey('k1')},${generateDataKey('index')}`);

  it('gives back a signed payload unchanged and refuses any change to it, its tag or its purpose', () => {
    const token = signPayload(ring, 'public-form', 'eyJhIjoxfQ');
    expect(verifyPayload(ring, 'public-form', token)).toBe('eyJhIjoxfQ');
    expect(verifyPayload(ring, 'other-form', token)).toBeNull();
    expect(verifyPayload(ring, 'public-form', `x${token}`)).toBeNull();
    // Change the tag's last two characters (whatever they were: a fixed replacement could equal them).
    const last = token.slice(-2);
    expect(verifyPayload(ring, 'public-form', `${token.slice(0, -2)}${last === 'AA' ? 'BB' : 'AA'}`)).toBeNull();
    expect(verifyPayload(ring, 'public-form', 'no-signature')).toBeNull();
    const other = parseDataKeys(`${generateDataKey('k1')},${generateDataKey('index')}`);
    expect(verifyPayload(other, 'public-form', token)).toBeNull();
  });
});
