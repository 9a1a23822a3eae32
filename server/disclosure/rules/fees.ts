/**
 * The information processing fee (信息处理费) for a disclosure request, per 《政府信息公开信息处理费
 * 管理办法》(国办函〔2020〕109号). By default nothing is charged (条例 第四十二条); an agency may
 * charge only when the volume or frequency clearly exceeds a reasonable range, and then in ONE
 * of two progressive (超额累进) modes per application, never both:
 *
 * - by count (按件), per applicant per calendar month: items 1–10 free, the 11th–30th 100 元
 *   each, then bands of 10 items each 100 元 dearer than the band before (31–40 at 200 元,
 *   41–50 at 300 元, …). A multi-item application may be split into its smallest reasonable
 *   items (一事一申请) before counting.
 * - by volume (按量), per application, when the applicant wants paper, e-mail or copied
 *   electronic data: pages 1–30 free, 31–100 at 10 元, 101–200 at 20 元, 201 on at 40 元.
 *
 * Money is in fen (integers); the breakdown lines are what the fee notice (收费通知) prints.
 * Pure: the caller supplies the applicant's earlier items this month.
 */
import { Errors, type FieldError } from '../../platform/errors.ts';

export const FEE_MODES = ['byCount', 'byVolume'] as const;
export type FeeMode = (typeof FEE_MODES)[number];

/** Units `from` to `to` (inclusive; null: no upper end) cost `unitFen` each. */
export interface FeeBand {
  from: number;
  to: number | null;
  unitFen: number;
}

/** By count: the fixed bands, then from `from` on bands of `size` items each `increaseFen` dearer. */
export const BY_COUNT = {
  bands: [
    { from: 1, to: 10, unitFen: 0 },
    { from: 11, to: 30, unitFen: 10_000 },
  ] as const satisfies readonly FeeBand[],
  then: { from: 31, size: 10, firstUnitFen: 20_000, increaseFen: 10_000 },
} as const;

/** By volume: pages per application. */
export const BY_VOLUME: readonly FeeBand[] = [
  { from: 1, to: 30, unitFen: 0 },
  { from: 31, to: 100, unitFen: 1_000 },
  { from: 101, to: 200, unitFen: 2_000 },
  { from: 201, to: null, unitFen: 4_000 },
];

/** Bounds that keep every answer small; far beyond any real application. */
export const MAX_ITEMS = 10_000;
export const MAX_PAGES = 1_000_000;

export type FeeInput =
  /** Items already counted for this applicant this calendar month, and this application's items. */
  { mode: 'byCount'; priorItemsThisMonth: number; items: number } | { mode: 'byVolume'; pages: number };

export interface FeeLine {
  /** First and last unit of the band charged on this line (the applicant's nth item this month, or page). */
  from: number;
  to: number;
  quantity: number;
  unitFen: number;
  amountFen: number;
  /** The line as the fee notice prints it, e.g. 第 11—30 件：20 件 × 100.00 元 = 2000.00 元. */
  text: string;
}

export interface FeeCalculation {
  mode: FeeMode;
  /** Items in this application, or pages. */
  quantity: number;
  amountFen: number;
  lines: FeeLine[];
  /** The basis and standard, for the notice. */
  basis: string;
  /** One sentence for the notice: the lines and the total. */
  text: string;
}

const BASIS: Record<FeeMode, string> = {
  byCount:
    '依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），按件计收：同一申请人一个自然月内累计申请 10 件以下（含 10 件）的不收费；11—30 件（含 30 件）的部分每件 100 元；31 件及以上的部分以 10 件为一档，每增加一档，每件收费标准提高 100 元。',
  byVolume:
    '依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），按量计收：30 页以下（含 30 页）的不收费；31—100 页（含 100 页）的部分每页 10 元；101—200 页（含 200 页）的部分每页 20 元；201 页及以上的部分每页 40 元。',
};

/** 220000 → '2200.00' (yuan with two decimals, from integer fen). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The count bands from 1 up to the band that holds `last`. */
export function countBands(last: number): FeeBand[] {
  const out: FeeBand[] = BY_COUNT.bands.map((b) => ({ ...b }));
  const t = BY_COUNT.then;
  for (let from = t.from, unit = t.firstUnitFen; from <= last; from += t.size, unit += t.increaseFen) {
    out.push({ from, to: from + t.size - 1, unitFen: unit });
  }
  return out;
}

/** Units `first` to `last` split over the bands, one line per band they touch. */
function charge(bands: readonly FeeBand[], first: number, last: number, unit: '件' | '页'): FeeLine[] {
  const lines: FeeLine[] = [];
  for (const b of bands) {
    const from = Math.max(first, b.from);
    const to = Math.min(last, b.to ?? last);
    if (from > to) continue;
    const quantity = to - from + 1;
    const amountFen = quantity * b.unitFen;
    const range = from === to ? `第 ${from} ${unit}` : `第 ${from}—${to} ${unit}`;
    const text =
      b.unitFen === 0
        ? `${range}：${quantity} ${unit}，不收费`
        : `${range}：${quantity} ${unit} × ${yuan(b.unitFen)} 元 = ${yuan(amountFen)} 元`;
    lines.push({ from, to, quantity, unitFen: b.unitFen, amountFen, text });
  }
  return lines;
}

function integerProblem(value: unknown, field: string, label: string, min: number, max: number): FieldError | null {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    return { field, message: `${label}应为 ${min} 到 ${max} 之间的整数` };
  return null;
}

/** Every reason the input cannot be charged (empty: it can). Accepts unchecked input from an edge. */
export function feeInputProblems(input: unknown): FieldError[] {
  if (typeof input !== 'object' || input === null) return [{ field: 'mode', message: '请选择计收方式：按件或按量' }];
  const i = input as Record<string, unknown>;
  const out: (FieldError | null)[] = [];
  if (i.mode === 'byCount') {
    out.push(integerProblem(i.priorItemsThisMonth, 'priorItemsThisMonth', '本月此前已申请件数', 0, 10 * MAX_ITEMS));
    out.push(integerProblem(i.items, 'items', '本次申请件数', 1, MAX_ITEMS));
    if (i.pages !== undefined) out.push({ field: 'pages', message: '同一申请只能选择一种计收方式，按件计收时不能同时按量计收' });
  } else if (i.mode === 'byVolume') {
    out.push(integerProblem(i.pages, 'pages', '页数', 0, MAX_PAGES));
    if (i.items !== undefined || i.priorItemsThisMonth !== undefined)
      out.push({ field: 'items', message: '同一申请只能选择一种计收方式，按量计收时不能同时按件计收' });
  } else out.push({ field: 'mode', message: '请选择计收方式：按件或按量' });
  return out.filter((p): p is FieldError => p !== null);
}

/**
 * The fee for one application in its one mode, with the notice's breakdown. Throws
 * GK_ERR_VALIDATION listing every problem with the input.
 */
export function calculateFee(input: FeeInput): FeeCalculation {
  const problems = feeInputProblems(input);
  if (problems.length > 0) throw Errors.validation(problems.map((p) => p.message).join('；'), problems);

  const lines =
    input.mode === 'byCount'
      ? charge(
          countBands(input.priorItemsThisMonth + input.items),
          input.priorItemsThisMonth + 1,
          input.priorItemsThisMonth + input.items,
          '件',
        )
      : charge(BY_VOLUME, 1, input.pages, '页');
  const amountFen = lines.reduce((sum, l) => sum + l.amountFen, 0);
  const quantity = input.mode === 'byCount' ? input.items : input.pages;
  const scope =
    input.mode === 'byCount'
      ? `本次申请 ${input.items} 件，为该申请人本月第 ${input.priorItemsThisMonth + 1}${input.items > 1 ? `—${input.priorItemsThisMonth + input.items}` : ''} 件`
      : `本次申请共 ${input.pages} 页`;
  const detail = lines.length > 0 ? `：${lines.map((l) => l.text).join('；')}` : '';
  return {
    mode: input.mode,
    quantity,
    amountFen,
    lines,
    basis: BASIS[input.mode],
    text: `${scope}${detail}。合计 ${yuan(amountFen)} 元。`,
  };
}
