import { describe, expect, it } from 'vitest';
import {
  displayValue,
  MANUAL_FIELDS,
  REPORT_FIELD_BY_KEY,
  REPORT_FIELDS,
  ManualValuesSchema,
} from '../../../common/schemas/website-report.ts';
import { missingFields, reportDue, reportRows, reportValues } from './website-report.ts';

const field = (key: string) => REPORT_FIELD_BY_KEY.get(key)!;

describe('the 政府网站工作年度报表 figures', () => {
  it('has every field of the national form once, each sum adding fields that exist', () => {
    expect(new Set(REPORT_FIELDS.map((f) => f.key)).size).toBe(REPORT_FIELDS.length);
    for (const f of REPORT_FIELDS.filter((x) => x.source === 'sum'))
      for (const p of f.parts ?? []) expect(REPORT_FIELD_BY_KEY.has(p), `${f.key} → ${p}`).toBe(true);
    expect(REPORT_FIELDS.map((f) => f.section)).toContain('移动新媒体');
    expect(MANUAL_FIELDS.map((f) => f.key)).toEqual(expect.arrayContaining(['casesNatural', 'interviews', 'securityOfficer', 'weiboName']));
  });

  it('adds the sums only once every part is known, and names the hand-entered fields still empty', () => {
    const platform = { interpretationMaterials: 12, pageViews: 500 };
    const partial = reportValues(platform, { interpretationProducts: 3 });
    expect(partial.interpretationTotal).toBeNull();
    expect(partial.pageViews).toBe(500);
    const all = reportValues(platform, { interpretationProducts: 3, mediaComments: 0 });
    expect(all.interpretationTotal).toBe(15);
    expect(missingFields({ interpretationProducts: 3, weiboName: '' })).not.toContain('weiboName');
    expect(missingFields({ interpretationProducts: 3 })).toContain('mediaComments');
    expect(missingFields({})).toHaveLength(MANUAL_FIELDS.length);
  });

  it('prints values as the form does', () => {
    expect(displayValue(field('serviceCatalogue'), true)).toBe('是');
    expect(displayValue(field('smartQa'), false)).toBe('否');
    expect(displayValue(field('pageViews'), 1200)).toBe('1200 次');
    expect(displayValue(field('weiboName'), '')).toBe('无');
    expect(displayValue(field('casesNatural'), null)).toBe('—');
    const rows = reportRows(reportValues({ siteName: '示例网站' }, {}));
    expect(rows[0]).toEqual({ section: '基本信息', label: '网站名称', value: '示例网站', source: '平台统计' });
    expect(rows.find((r) => r.label === '自然人办件量')).toMatchObject({ value: '—', source: '人工填报' });
  });

  it('refuses hand-entered values of the wrong kind, and fields the platform counts', () => {
    expect(ManualValuesSchema.safeParse({ casesNatural: -1 }).success).toBe(false);
    expect(ManualValuesSchema.safeParse({ casesNatural: 1.5 }).success).toBe(false);
    expect(ManualValuesSchema.safeParse({ smartQa: 'yes' }).success).toBe(false);
    expect(ManualValuesSchema.safeParse({ weiboName: '<script>' }).success).toBe(false);
    expect(ManualValuesSchema.safeParse({ pageViews: 10 }).success).toBe(false);
    expect(ManualValuesSchema.safeParse({ casesNatural: 10, smartQa: null, weiboName: '示例发布' }).success).toBe(true);
  });

  it('is due in January for the year before, by the 31st', () => {
    expect(reportDue('2027-01-01')).toEqual({ year: 2026, daysLeft: 30 });
    expect(reportDue('2027-01-31')).toEqual({ year: 2026, daysLeft: 0 });
    expect(reportDue('2027-02-01')).toBeNull();
  });
});
