import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { ArticleDetail } from '../../api/content.ts';
import type { Column } from '../../api/sites.ts';
import {
  articleContent,
  checksFromError,
  documentPatch,
  articleFieldNames,
  articleFormValues,
  beijingToIso,
  columnAcceptsType,
  columnsForType,
  fieldLabel,
  formatFieldValue,
  formToMetadata,
  fromFormValue,
  isoToBeijing,
  isRequired,
  metadataToForm,
  requiredProblems,
  toFormValue,
} from './articleForm.ts';

const column = (id: string, freshnessClass: string, accepts: string[] | null = null, status = 'active') =>
  ({
    id,
    siteId: 's',
    parentId: null,
    name: id,
    slug: id,
    sortOrder: 0,
    freshnessClass,
    freshnessDays: null,
    ownerOrgId: null,
    status,
    createdAt: '',
    updatedAt: '',
    accepts,
  }) as Column;

describe('metadata ↔ form values', () => {
  it('converts each kind both ways', () => {
    expect(toFormValue('author', '张三')).toBe('张三');
    expect((toFormValue('writtenOn', '2024-05-06') as dayjs.Dayjs).format('YYYY-MM-DD')).toBe('2024-05-06');
    expect(toFormValue('writtenOn', '06/05/2024')).toBeUndefined();
    expect(toFormValue('isLivelihood', true)).toBe(true);
    expect(toFormValue('isLivelihood', undefined)).toBe(false);
    expect(toFormValue('keywords', ['a', 1, 'b'])).toEqual(['a', 'b']);
    expect(toFormValue('validity', 'bogus')).toBeUndefined();
    expect(toFormValue('attachments', [{ fileId: 'f', name: 'a.pdf' }, { bad: 1 }])).toEqual([{ fileId: 'f', name: 'a.pdf' }]);

    expect(fromFormValue('author', '  ')).toBeUndefined();
    expect(fromFormValue('docNumber', ' 攀办函〔2017〕122号 ')).toBe('攀办函〔2017〕122号');
    expect(fromFormValue('writtenOn', dayjs('2024-05-06'))).toBe('2024-05-06');
    expect(fromFormValue('isNormative', false)).toBeUndefined();
    expect(fromFormValue('isNormative', true)).toBe(true);
    expect(fromFormValue('keywords', [' 教育 ', '教育', '', '医疗'])).toEqual(['教育', '医疗']);
    expect(fromFormValue('relatedPolicies', [])).toBeUndefined();
    expect(fromFormValue('attachments', [])).toBeUndefined();
  });

  it('edits times as Beijing wall-clock time whatever the zone', () => {
    const picked = isoToBeijing('2024-05-06T02:30:00Z');
    expect(picked?.format('YYYY-MM-DD HH:mm')).toBe('2024-05-06 10:30');
    expect(beijingToIso(dayjs('2024-05-06T10:30:00'))).toBe('2024-05-06T10:30:00+08:00');
    expect(Date.parse(beijingToIso(picked as dayjs.Dayjs))).toBe(Date.parse('2024-05-06T02:30:00Z'));
    expect(isoToBeijing('garbage')).toBeUndefined();
  });

  it('keeps only the fields of the type, and only those filled in', () => {
    const values = {
      author: '张三',
      docNumber: '攀办函〔2017〕122号',
      isLivelihood: true,
      keywords: [],
      eventEndedAt: dayjs('2024-05-06T18:00:00'),
    };
    expect(formToMetadata('news', values)).toEqual({ author: '张三', isLivelihood: true, eventEndedAt: '2024-05-06T18:00:00+08:00' });
    const form = metadataToForm('policy', { writtenOn: '2024-01-02', validity: 'valid', stray: 1 });
    expect(Object.keys(form)).not.toContain('stray');
    expect(form.validity).toBe('valid');
    expect(formToMetadata('policy', form)).toEqual({ writtenOn: '2024-01-02', validity: 'valid' });
  });
});

describe('article bodies', () => {
  it('reads an article into the form and back into content', () => {
    const detail = {
      siteId: 's1',
      type: 'policy',
      columnId: 'c1',
      title: '旧标题',
      current: { title: '关于…的通知', source: '市政府办', summary: null, bodyHtml: '<p>正文</p>', metadata: { issuingOrg: '市政府' } },
    } as unknown as ArticleDetail;
    const values = articleFormValues(detail);
    expect(values).toMatchObject({ siteId: 's1', type: 'policy', columnId: 'c1', title: '关于…的通知', source: '市政府办', summary: '' });
    expect(articleContent('policy', values)).toEqual({
      title: '关于…的通知',
      bodyHtml: '<p>正文</p>',
      summary: null,
      source: '市政府办',
      metadata: { issuingOrg: '市政府' },
    });
  });

  it('names the fields the form shows and marks the required ones', () => {
    expect(articleFieldNames('news')).toContain('metadata.isLivelihood');
    expect(articleFieldNames('news')).not.toContain('metadata.validity');
    expect(articleFieldNames(undefined)).toContain('source');
    expect(isRequired('policy', 'validity')).toBe(true);
    expect(isRequired('news', 'issuingOrg')).toBe(false);
    expect(isRequired(undefined, 'source')).toBe(true);
  });

  it('lists required fields left empty before submitting', () => {
    expect(requiredProblems('policy', { source: ' ', metadata: { issuingOrg: '市政府' } })).toEqual([
      { field: 'source', message: '请填写来源' },
      { field: 'metadata.writtenOn', message: '请填写成文日期' },
      { field: 'metadata.validity', message: '请填写有效性' },
    ]);
    expect(requiredProblems('news', { source: '本站' })).toEqual([]);
  });
});

describe('columns for a type', () => {
  it('uses the column’s own list, else its freshness class', () => {
    expect(columnAcceptsType(column('a', 'news'), 'news')).toBe(true);
    expect(columnAcceptsType(column('a', 'news'), 'policy')).toBe(false);
    expect(columnAcceptsType(column('a', 'news', ['policy']), 'policy')).toBe(true);
    expect(columnAcceptsType(column('a', 'policy', ['policy']), 'news')).toBe(false);
  });

  it('offers open accepting columns, keeping the current one', () => {
    const cols = [column('n', 'news'), column('p', 'policy'), column('closed', 'news', null, 'closed')];
    expect(columnsForType(cols, 'news').map((c) => c.id)).toEqual(['n']);
    expect(columnsForType(cols, 'news', 'closed').map((c) => c.id)).toEqual(['n', 'closed']);
    expect(columnsForType(cols, undefined).map((c) => c.id)).toEqual(['n', 'p']);
  });
});

describe('field display', () => {
  it('formats values by kind', () => {
    expect(formatFieldValue('isNormative', true)).toBe('是');
    expect(formatFieldValue('validity', 'repealed')).toBe('已废止');
    expect(formatFieldValue('keywords', ['甲', '乙'])).toBe('甲、乙');
    expect(formatFieldValue('relatedPolicies', ['a', 'b'], (id) => `《${id}》`)).toBe('《a》；《b》');
    expect(formatFieldValue('attachments', [{ fileId: 'f', name: '附件1.pdf' }])).toBe('附件1.pdf');
    expect(formatFieldValue('eventEndedAt', '2024-05-06T02:30:00Z')).toBe('2024-05-06 10:30');
    expect(formatFieldValue('summary', null)).toBe('');
    expect(formatFieldValue('title', '标题')).toBe('标题');
  });

  it('labels fields', () => {
    expect(fieldLabel('metadata.docNumber')).toBe('文号');
    expect(fieldLabel('source')).toBe('来源');
    expect(fieldLabel('bodyHtml')).toBe('正文');
  });
});

describe('workflow helpers', () => {
  it('reads the checks a refused submission carries', async () => {
    const { ApiError } = await import('../../api/client.ts');
    const results = [{ code: 'sensitive', severity: 'error', message: '含敏感词' }];
    expect(checksFromError(new ApiError(409, 'GK_ERR_CONFLICT', 'x', [], { checks: { errors: 1, warnings: 0, results } }))).toEqual({
      errors: 1,
      warnings: 0,
      results,
    });
    expect(checksFromError(new ApiError(409, 'GK_ERR_CONFLICT', 'x'))).toBeNull();
    expect(checksFromError(new Error('x'))).toBeNull();
  });

  it('fills an imported 公文 into the fields the type has', () => {
    const doc = {
      docNumber: '攀办函〔2017〕122号',
      title: '关于做好政务公开工作的通知',
      issuingOrg: '市政府办公室',
      recipients: null,
      writtenOn: '2017-06-01',
      attachments: null,
      disclosure: null,
      bodyHtml: '<p>各县（区）：</p>',
    };
    const policy = documentPatch('policy', doc);
    expect(policy.title).toBe('关于做好政务公开工作的通知');
    expect(policy.bodyHtml).toBe('<p>各县（区）：</p>');
    expect(policy.metadata.docNumber).toBe('攀办函〔2017〕122号');
    expect((policy.metadata.writtenOn as dayjs.Dayjs).format('YYYY-MM-DD')).toBe('2017-06-01');
    expect(policy.skipped).toEqual([]);
    const news = documentPatch('news', { ...doc, bodyHtml: '' });
    expect(news.metadata).toEqual({ issuingOrg: '市政府办公室' });
    expect(news.skipped).toEqual(['文号', '成文日期']);
    expect(news.bodyHtml).toBeUndefined();
  });
});
