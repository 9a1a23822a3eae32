import { describe, expect, it } from 'vitest';
import { zipOf } from '#test/zip.ts';
import { checkZipExpansion, readZipDirectory } from './zip-expansion.ts';

const MB = 1024 * 1024;

describe('how far a ZIP container would expand', () => {
  it('lets a container whose parts fit the budget through, and reads its directory', () => {
    const zip = zipOf([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<sheetData/>'.repeat(1000)) },
      { name: 'xl/media/image1.png', data: Buffer.alloc(2 * MB), store: true },
    ]);
    expect(readZipDirectory(zip)?.map((e) => e.name)).toEqual(['[Content_Types].xml', 'xl/worksheets/sheet1.xml', 'xl/media/image1.png']);
    // Only XML and relationship parts count: the picture is not inflated.
    expect(checkZipExpansion(zip, 1 * MB)).toEqual({ ok: true });
  });

  it('stops a crafted part that inflates beyond the budget, whatever size it declares', () => {
    const bomb = zipOf([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(80 * MB, 0x20) }]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(checkZipExpansion(bomb, 64 * MB)).toMatchObject({ ok: false, reason: 'tooLarge' });
    // Many parts adding up beyond the budget are stopped too.
    const many = zipOf(Array.from({ length: 5 }, (_, i) => ({ name: `p${i}.xml`, data: Buffer.alloc(20 * MB, 0x20) })));
    expect(checkZipExpansion(many, 64 * MB)).toMatchObject({ ok: false, reason: 'tooLarge' });
  });

  it('calls a truncated or lying archive corrupt', () => {
    const zip = zipOf([{ name: 'a.xml', data: Buffer.from('<a/>') }]);
    expect(checkZipExpansion(zip.subarray(0, zip.length - 10), MB)).toEqual({ ok: false, reason: 'corrupt' });
    expect(checkZipExpansion(Buffer.from('PK\x03\x04 not a zip'), MB)).toEqual({ ok: false, reason: 'corrupt' });
  });
});
