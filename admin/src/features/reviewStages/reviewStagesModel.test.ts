import { describe, expect, it } from 'vitest';
import type { ReviewStage } from '../../api/content.ts';
import {
  DEFAULT_REVIEW_STAGES,
  defaultStageRows,
  newStage,
  ReviewStagesBodySchema,
  sameStages,
  stageFields,
  stageProblems,
  stagesBody,
  STAGE_ROLE_OPTIONS,
} from './reviewStagesModel.ts';

const four: ReviewStage[] = [
  ...DEFAULT_REVIEW_STAGES,
  { key: 'disclosureCheck', label: '保密审查', roles: ['disclosureOfficer', 'siteAdmin'] },
];

describe('review stage checks', () => {
  it('accepts the default and four stages', () => {
    expect(stageProblems(DEFAULT_REVIEW_STAGES)).toEqual([]);
    expect(stageProblems(four)).toEqual([]);
    expect(ReviewStagesBodySchema.safeParse({ stages: four }).success).toBe(true);
  });

  it('refuses fewer than three stages', () => {
    expect(stageProblems(DEFAULT_REVIEW_STAGES.slice(0, 2))).toEqual([{ field: 'stages', message: '审核环节不能少于 3 个' }]);
    expect(stageProblems([])).toEqual([{ field: 'stages', message: '审核环节不能少于 3 个' }]);
  });

  it('refuses more than ten stages', () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ key: `s${i}`, label: `环节${i}`, roles: ['editor' as const] }));
    expect(stageProblems(many)).toEqual([{ field: 'stages', message: '审核环节不能多于 10 个' }]);
  });

  it('marks a duplicate key on the later stage', () => {
    const stages = [...DEFAULT_REVIEW_STAGES, { key: 'firstReview', label: '复核', roles: ['leader' as const] }];
    expect(stageProblems(stages)).toEqual([{ field: 'stages.3.key', message: '环节标识与第 1 个环节重复' }]);
  });

  it('refuses a stage without roles, bad keys and empty names', () => {
    const stages: ReviewStage[] = [
      { key: '1st', label: '初审', roles: ['editor'] },
      { key: '', label: '', roles: [] },
      { key: 'ok', label: '审签', roles: ['leader'] },
    ];
    expect(stageProblems(stages)).toEqual([
      { field: 'stages.0.key', message: '环节标识须以字母开头，只能包含字母、数字、下划线或短横线，不超过 40 个字符' },
      { field: 'stages.1.label', message: '请填写环节名称' },
      { field: 'stages.1.key', message: '请填写环节标识' },
      { field: 'stages.1.roles', message: '第 2 个环节须指定角色' },
    ]);
  });

  it('refuses the three administrators (三员) and other non-content roles', () => {
    const stages: ReviewStage[] = [
      { key: 'a', label: '初审', roles: ['editor', 'platformAdmin'] },
      { key: 'b', label: '审核', roles: ['securityAdmin', 'auditor'] },
      { key: 'c', label: '审签', roles: ['supervisor'] },
    ];
    expect(stageProblems(stages).map((p) => `${p.field}: ${p.message}`)).toEqual([
      'stages.0.roles: 三员（系统管理员）不能参与内容审核',
      'stages.1.roles: 三员（安全管理员）不能参与内容审核',
      'stages.1.roles: 三员（审计管理员）不能参与内容审核',
      'stages.2.roles: 监管人员不能参与内容审核',
    ]);
  });

  it('offers only the content roles, with their Chinese names', () => {
    expect(STAGE_ROLE_OPTIONS.map((o) => o.label)).toEqual(['信息员', '科室审核人', '分管领导', '网站管理员', '信息公开专员']);
  });
});

describe('review stage form', () => {
  it('builds the body trimmed, with roles in a stable order', () => {
    expect(stagesBody([{ key: ' x ', label: ' 初审 ', roles: ['leader', 'editor'] }, {}])).toEqual({
      stages: [
        { key: 'x', label: '初审', roles: ['editor', 'leader'] },
        { key: '', label: '', roles: [] },
      ],
    });
  });

  it('names three fields per row', () => {
    expect(stageFields(2)).toEqual([
      'stages.0.label',
      'stages.0.key',
      'stages.0.roles',
      'stages.1.label',
      'stages.1.key',
      'stages.1.roles',
    ]);
  });

  it('gives a new stage an unused key', () => {
    expect(newStage(defaultStageRows())).toEqual({ key: 'stage4', label: '', roles: [] });
    expect(newStage([{ key: 'stage2' }, { key: 'stage3' }]).key).toBe('stage4');
  });

  it('tells unchanged stages from changed ones, ignoring role order', () => {
    expect(
      sameStages(
        DEFAULT_REVIEW_STAGES,
        defaultStageRows().map((r) => ({ key: r.key ?? '', label: r.label ?? '', roles: r.roles ?? [] })),
      ),
    ).toBe(true);
    expect(sameStages(four, [four[0]!, four[1]!, four[2]!, { ...four[3]!, roles: ['siteAdmin', 'disclosureOfficer'] }])).toBe(true);
    expect(sameStages(DEFAULT_REVIEW_STAGES, [...DEFAULT_REVIEW_STAGES].reverse())).toBe(false);
  });

  it('keeps the default copy apart from the constant', () => {
    const rows = defaultStageRows();
    rows[0]!.roles!.push('leader');
    expect(DEFAULT_REVIEW_STAGES[0]!.roles).toEqual(['editor']);
  });
});
