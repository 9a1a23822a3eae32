import { describe, expect, it } from 'vitest';
import { calculateFee, countBands, feeInputProblems, yuan } from './fees.ts';

const byVolume = (pages: number) => calculateFee({ mode: 'byVolume', pages }).amountFen;
const byCount = (priorItemsThisMonth: number, items: number) => calculateFee({ mode: 'byCount', priorItemsThisMonth, items }).amountFen;

describe('fee by volume (按量)', () => {
  it('charges nothing up to 30 pages and 10 元 a page from the 31st', () => {
    expect(byVolume(0)).toBe(0);
    expect(byVolume(30)).toBe(0);
    expect(byVolume(31)).toBe(1_000);
  });

  it('charges 20 元 a page only for pages 101 to 200 and 40 元 from the 201st, progressively', () => {
    expect(byVolume(100)).toBe(70_000); // 70 × 10 元
    expect(byVolume(101)).toBe(72_000); // 700 + 20 元
    expect(byVolume(200)).toBe(270_000); // 700 + 100 × 20 元
    expect(byVolume(201)).toBe(274_000); // 2700 + 40 元
    expect(byVolume(250)).toBe(470_000); // 2700 + 50 × 40 元
  });

  it('breaks the amount down by band for the fee notice', () => {
    const fee = calculateFee({ mode: 'byVolume', pages: 201 });
    expect(fee.lines.map(({ from, to, quantity, unitFen, amountFen }) => [from, to, quantity, unitFen, amountFen])).toEqual([
      [1, 30, 30, 0, 0],
      [31, 100, 70, 1_000, 70_000],
      [101, 200, 100, 2_000, 200_000],
      [201, 201, 1, 4_000, 4_000],
    ]);
    expect(fee.text).toBe(
      '本次申请共 201 页：第 1—30 页：30 页，不收费；第 31—100 页：70 页 × 10.00 元 = 700.00 元；第 101—200 页：100 页 × 20.00 元 = 2000.00 元；第 201 页：1 页 × 40.00 元 = 40.00 元。合计 2740.00 元。',
    );
    expect(fee.basis).toContain('国办函〔2020〕109号');
  });
});

describe('fee by count (按件)', () => {
  it('charges nothing for an applicant’s first 10 items in a calendar month and 100 元 for the 11th', () => {
    expect(byCount(0, 10)).toBe(0);
    expect(byCount(9, 1)).toBe(0);
    expect(byCount(10, 1)).toBe(10_000);
  });

  it('charges 100 元 each up to the 30th item, then 100 元 more per item for every band of 10', () => {
    expect(byCount(29, 1)).toBe(10_000); // the 30th
    expect(byCount(0, 30)).toBe(200_000); // 20 × 100 元
    expect(byCount(30, 1)).toBe(20_000); // the 31st: 200 元
    expect(byCount(39, 1)).toBe(20_000); // the 40th: 200 元
    expect(byCount(40, 1)).toBe(30_000); // the 41st: 300 元
    expect(byCount(0, 40)).toBe(400_000); // 2000 + 10 × 200 元
    expect(byCount(0, 51)).toBe(740_000); // 4000 + 10 × 300 + 1 × 400 元
  });

  it('splits an application whose items straddle a band edge', () => {
    const fee = calculateFee({ mode: 'byCount', priorItemsThisMonth: 9, items: 3 });
    expect(fee.amountFen).toBe(20_000);
    expect(fee.lines.map((l) => l.text)).toEqual(['第 10 件：1 件，不收费', '第 11—12 件：2 件 × 100.00 元 = 200.00 元']);
    expect(fee.text).toBe(
      '本次申请 3 件，为该申请人本月第 10—12 件：第 10 件：1 件，不收费；第 11—12 件：2 件 × 100.00 元 = 200.00 元。合计 200.00 元。',
    );
  });

  it('generates the open-ended bands of 10 from the 31st item', () => {
    expect(countBands(45)).toEqual([
      { from: 1, to: 10, unitFen: 0 },
      { from: 11, to: 30, unitFen: 10_000 },
      { from: 31, to: 40, unitFen: 20_000 },
      { from: 41, to: 50, unitFen: 30_000 },
    ]);
  });
});

describe('one mode per application', () => {
  it('refuses input that mixes the two modes or has no mode, naming every problem', () => {
    expect(feeInputProblems({ mode: 'byCount', priorItemsThisMonth: 0, items: 1, pages: 40 }).map((p) => p.field)).toEqual(['pages']);
    expect(feeInputProblems({ mode: 'byVolume', pages: 40, items: 1 }).map((p) => p.field)).toEqual(['items']);
    expect(feeInputProblems({ pages: 40 }).map((p) => p.field)).toEqual(['mode']);
  });

  it('refuses fractional, negative and missing quantities with every reason at once', () => {
    expect(() => calculateFee({ mode: 'byVolume', pages: 30.5 })).toThrow(
      expect.objectContaining({ code: 'GK_ERR_VALIDATION', fields: [{ field: 'pages', message: '页数应为 0 到 1000000 之间的整数' }] }),
    );
    expect(feeInputProblems({ mode: 'byCount', priorItemsThisMonth: -1, items: 0 }).map((p) => p.field)).toEqual([
      'priorItemsThisMonth',
      'items',
    ]);
  });
});

describe('money formatting', () => {
  it('prints fen as yuan with two decimals, without floating point', () => {
    expect([yuan(0), yuan(5), yuan(1_000), yuan(274_000), yuan(-150)]).toEqual(['0.00', '0.05', '10.00', '2740.00', '-1.50']);
  });
});
