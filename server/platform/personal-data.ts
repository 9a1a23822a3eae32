/**
 * Personal data at rest (个保法 art. 51, GB/T 39786-2021 重要数据存储机密性/完整性): values such as ID
 * numbers and phones are stored as SM4 tokens, and found again through keyed SM3 blind indexes.
 *
 * Mode: Node's OpenSSL 3 offers sm4-ecb/cbc/ctr/cfb/ofb but no sm4-gcm or sm4-ccm, so a token is
 * SM4-CTR encrypted and then authenticated with HMAC-SM3 (encrypt-then-MAC). CTR rather than CBC:
 * no padding, so no padding oracle and no length rounding. The tag is checked in constant time
 * before anything is decrypted, so a changed token is refused, never decrypted into garbage.
 *
 * Token: `v1.<keyId>.<iv>.<ciphertext>.<tag>`, the last three base64url without padding;
 *   iv  = 16 random bytes (the full initial SM4-CTR counter block),
 *   tag = HMAC-SM3(macKey, ASCII text `v1.<keyId>.<iv>.<ciphertext>`), all 32 bytes,
 * so the version and key id are authenticated along with the ciphertext.
 *
 * Keys: each configured key K (16 bytes) is used only to derive one key per purpose
 * (GB/T 39786 Annex B: one purpose per key):
 *   encKey = first 16 bytes of HMAC-SM3(K, "gongkai-enc")   — the SM4 key,
 *   macKey = HMAC-SM3(K, "gongkai-mac")                      — the 32-byte HMAC-SM3 key.
 * Blind indexes use a separate configured index key I, never a data key, so that rotating or
 * retiring data keys leaves every stored index valid:
 *   purposeKey = HMAC-SM3(I, "gongkai-index:" + purpose),
 *   index      = base64url(HMAC-SM3(purposeKey, normalise(value))).
 *
 * Configuration: `k2026:BASE64,k2025:BASE64,index:BASE64`. The first data key encrypts; the
 * others only decrypt, until re-encryption (`gongkai keys reencrypt`, ADR 0009) has moved their
 * tokens to the current key and they can be retired. The index key is not rotated with them.
 * Key material never appears in error messages, and a keyring prints as its key ids only.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const VERSION = 'v1';
const KEY_BYTES = 16;
const IV_BYTES = 16;
const TAG_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;
const INDEX_ENTRY_ID = 'index';
const PURPOSE = /^[a-z0-9][a-z0-9_.-]{0,31}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export type PersonalDataErrorCode = 'malformed' | 'unsupported_version' | 'unknown_key' | 'tampered' | 'no_index_key';

/**
 * A token that cannot be opened, or a keyring that cannot do what was asked. Not an AppError on
 * purpose: it is a server fault, so the HTTP layer answers GK_ERR_INTERNAL and only logs the code.
 */
export class PersonalDataError extends Error {
  constructor(
    readonly code: PersonalDataErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PersonalDataError';
  }
}

/** What callers may see of a keyring: ids only. The key bytes stay in this module. */
export interface DataKeyring {
  /** The key that encrypts new values. */
  readonly currentKeyId: string;
  /** Every data key id, current first. */
  readonly keyIds: readonly string[];
  readonly hasIndexKey: boolean;
}

interface DerivedKeys {
  encKey: Buffer;
  macKey: Buffer;
}

interface KeyringSecrets {
  keys: Map<string, DerivedKeys>;
  indexKey: Buffer | undefined;
}

// Kept outside the keyring object so that logging or serialising a keyring cannot leak a key.
const secrets = new WeakMap<DataKeyring, KeyringSecrets>();

const hmacSm3 = (key: Buffer, data: string | Buffer): Buffer => createHmac('sm3', key).update(data).digest();

function deriveKeys(key: Buffer): DerivedKeys {
  return { encKey: hmacSm3(key, 'gongkai-enc').subarray(0, KEY_BYTES), macKey: hmacSm3(key, 'gongkai-mac') };
}

function secretsOf(ring: DataKeyring): KeyringSecrets {
  const s = secrets.get(ring);
  if (!s) throw new Error('data keys: not a keyring made by parseDataKeys');
  return s;
}

/**
 * Parses `id:base64key` entries separated by commas (first data key = current; optional
 * `index:base64key` = blind-index key). Throws an Error naming the bad entry, never its key.
 */
export function parseDataKeys(text: string): DataKeyring {
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0) throw new Error('data keys: no key configured (expected id:base64key[,id:base64key…])');

  const raw = new Map<string, Buffer>();
  let indexKey: Buffer | undefined;
  entries.forEach((entry, i) => {
    const where = `data keys: entry ${i + 1}`;
    const colon = entry.indexOf(':');
    if (colon < 0) throw new Error(`${where} has no ':' (expected id:base64key)`);
    const id = entry.slice(0, colon).trim();
    const b64 = entry.slice(colon + 1).trim();
    if (!KEY_ID.test(id)) throw new Error(`${where}: key id must be 1–16 characters from A-Z a-z 0-9 _ -`);
    const key = Buffer.from(b64, 'base64');
    if (!BASE64.test(b64) || key.toString('base64') !== b64) throw new Error(`${where} ("${id}"): key is not valid base64`);
    if (key.length !== KEY_BYTES) throw new Error(`${where} ("${id}"): key must be ${KEY_BYTES} bytes for SM4, got ${key.length}`);
    if (id === INDEX_ENTRY_ID) {
      if (indexKey) throw new Error(`${where}: duplicate key id "${id}"`);
      indexKey = key;
      return;
    }
    if (raw.has(id)) throw new Error(`${where}: duplicate key id "${id}"`);
    for (const [other, otherKey] of raw) {
      if (otherKey.equals(key)) throw new Error(`${where} ("${id}"): same key as "${other}"; generate a new key`);
    }
    raw.set(id, key);
  });

  const ids = [...raw.keys()];
  const currentKeyId = ids[0];
  if (currentKeyId === undefined) throw new Error('data keys: only an index key is configured; add a data key (id:base64key)');
  if (indexKey) {
    for (const [id, key] of raw) {
      if (key.equals(indexKey)) throw new Error(`data keys: the index key must differ from data key "${id}"`);
    }
  }

  const ring: DataKeyring = Object.freeze({ currentKeyId, keyIds: Object.freeze(ids), hasIndexKey: indexKey !== undefined });
  secrets.set(ring, {
    keys: new Map([...raw].map(([id, key]) => [id, deriveKeys(key)])),
    indexKey,
  });
  return ring;
}

/** Encrypts a value with the current key: `v1.<keyId>.<iv>.<ciphertext>.<tag>`. */
export function encryptPersonal(ring: DataKeyring, plaintext: string): string {
  const bytes = Buffer.from(plaintext, 'utf8');
  // A lone surrogate would come back as U+FFFD; refuse rather than store something else.
  if (bytes.toString('utf8') !== plaintext) throw new Error('personal data: value is not well-formed Unicode');
  const keyId = ring.currentKeyId;
  const keys = secretsOf(ring).keys.get(keyId);
  if (!keys) throw new Error('data keys: the current key is missing from the keyring');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('sm4-ctr', keys.encKey, iv);
  const ciphertext = Buffer.concat([cipher.update(bytes), cipher.final()]);
  const header = `${VERSION}.${keyId}.${iv.toString('base64url')}.${ciphertext.toString('base64url')}`;
  return `${header}.${hmacSm3(keys.macKey, header).toString('base64url')}`;
}

interface ParsedToken {
  keyId: string;
  header: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** Strict base64url: only the canonical spelling of some bytes is accepted. */
function decodeSegment(text: string, what: string): Buffer {
  const bytes = Buffer.from(text, 'base64url');
  if (!BASE64URL.test(text) || bytes.toString('base64url') !== text)
    throw new PersonalDataError('malformed', `token ${what} is not base64url`);
  return bytes;
}

function parseToken(token: string): ParsedToken {
  const parts = token.split('.');
  const [version, keyId, iv, ciphertext, tag] = parts;
  if (
    parts.length !== 5 ||
    version === undefined ||
    keyId === undefined ||
    iv === undefined ||
    ciphertext === undefined ||
    tag === undefined
  ) {
    throw new PersonalDataError('malformed', 'token must have 5 dot-separated parts');
  }
  if (version !== VERSION) {
    if (/^v\d{1,4}$/.test(version)) throw new PersonalDataError('unsupported_version', `token version ${version} is not supported`);
    throw new PersonalDataError('malformed', 'token has no version');
  }
  if (!KEY_ID.test(keyId)) throw new PersonalDataError('malformed', 'token key id is not valid');
  const parsed = {
    keyId,
    header: `${version}.${keyId}.${iv}.${ciphertext}`,
    iv: decodeSegment(iv, 'iv'),
    ciphertext: decodeSegment(ciphertext, 'ciphertext'),
    tag: decodeSegment(tag, 'tag'),
  };
  if (parsed.iv.length !== IV_BYTES) throw new PersonalDataError('malformed', `token iv must be ${IV_BYTES} bytes`);
  if (parsed.tag.length !== TAG_BYTES) throw new PersonalDataError('malformed', `token tag must be ${TAG_BYTES} bytes`);
  return parsed;
}

/** Verifies and decrypts a token; throws PersonalDataError (malformed, unsupported_version, unknown_key, tampered). */
export function decryptPersonal(ring: DataKeyring, token: string): string {
  const t = parseToken(token);
  const keys = secretsOf(ring).keys.get(t.keyId);
  if (!keys) throw new PersonalDataError('unknown_key', `token was encrypted with key "${t.keyId}", which is not configured`);
  if (!timingSafeEqual(hmacSm3(keys.macKey, t.header), t.tag)) throw new PersonalDataError('tampered', 'token failed its integrity check');
  const decipher = createDecipheriv('sm4-ctr', keys.encKey, t.iv);
  const bytes = Buffer.concat([decipher.update(t.ciphertext), decipher.final()]);
  return bytes.toString('utf8');
}

/** Whether `id` can name a data key (the index key's entry is named `index`). */
export function isDataKeyId(id: string): boolean {
  return KEY_ID.test(id) && id !== INDEX_ENTRY_ID;
}

/**
 * The text every token made under this key starts with (`v1.<keyId>.`): lets a database count
 * or select tokens by key with a prefix comparison, without decrypting anything.
 */
export function tokenPrefix(keyId: string): string {
  if (!KEY_ID.test(keyId)) throw new Error('data keys: key id must be 1–16 characters from A-Z a-z 0-9 _ -');
  return `${VERSION}.${keyId}.`;
}

/** True when a token was not encrypted with the current key. Reads only the header (no integrity check). */
export function needsRotation(ring: DataKeyring, token: string): boolean {
  return parseToken(token).keyId !== ring.currentKeyId;
}

/** Re-encrypts a token under the current key; a token already on it is verified and returned unchanged. */
export function reencryptPersonal(ring: DataKeyring, token: string): string {
  const plaintext = decryptPersonal(ring, token);
  return needsRotation(ring, token) ? encryptPersonal(ring, plaintext) : token;
}

/** The normal form blind indexes hash: NFKC (full-width digits → ASCII), no spaces or hyphens, upper case (ID check digit x → X). */
export function normaliseForIndex(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[\s-]+/g, '')
    .toUpperCase();
}

/**
 * A keyed HMAC-SM3 of a normalised identifier, the same for the same value and purpose under any
 * data key, so equal ID numbers or phones can be found among encrypted rows without decrypting.
 */
export function blindIndex(ring: DataKeyring, value: string, purpose: string): string {
  if (!PURPOSE.test(purpose))
    throw new Error('blind index: purpose must be 1–32 characters from a-z 0-9 _ . - (starting with a letter or digit)');
  const indexKey = secretsOf(ring).indexKey;
  if (!indexKey) throw new PersonalDataError('no_index_key', 'blind index: no index key configured (add index:base64key to the data keys)');
  const normal = normaliseForIndex(value);
  // An empty value would match every other empty value: a false "repeat applicant".
  if (normal === '') throw new Error('blind index: value is empty');
  return hmacSm3(hmacSm3(indexKey, `gongkai-index:${purpose}`), normal).toString('base64url');
}

/** A new random key as a configuration entry `id:base64key` (id defaults to a random `k…`; use `index` for the index key). */
export function generateDataKey(id: string = `k${randomBytes(4).toString('hex')}`): string {
  if (!KEY_ID.test(id)) throw new Error('data keys: key id must be 1–16 characters from A-Z a-z 0-9 _ -');
  return `${id}:${randomBytes(KEY_BYTES).toString('base64')}`;
}

/**
 * Signs `payload` (text the server hands to a browser and gets back, e.g. a form awaiting
 * confirmation) for one purpose: `payload.tag`, the tag HMAC-SM3 under a key derived from the
 * index key, so the signature, like blind indexes, survives data-key rotation.
 */
export function signPayload(ring: DataKeyring, purpose: string, payload: string): string {
  return `${payload}.${signature(ring, purpose, payload).toString('base64url')}`;
}

/** The payload of a token made by `signPayload` for this purpose, or null when it was changed. */
export function verifyPayload(ring: DataKeyring, purpose: string, token: string): string | null {
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const payload = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = signature(ring, purpose, payload);
  return given.length === expected.length && timingSafeEqual(given, expected) ? payload : null;
}

function signature(ring: DataKeyring, purpose: string, payload: string): Buffer {
  if (!PURPOSE.test(purpose)) throw new Error('signature: purpose must be 1–32 characters from a-z 0-9 _ . -');
  const indexKey = secretsOf(ring).indexKey;
  if (!indexKey) throw new PersonalDataError('no_index_key', 'signature: no index key configured (add index:base64key to the data keys)');
  return hmacSm3(hmacSm3(indexKey, `gongkai-sign:${purpose}`), payload);
}
