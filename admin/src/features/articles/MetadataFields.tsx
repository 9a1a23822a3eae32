import { Col, DatePicker, Form, Input, Row, Select, Switch } from 'antd';
import type { ReactNode } from 'react';
import {
  ARTICLE_TYPE_CONFIG,
  METADATA_FIELDS,
  VALIDITY,
  VALIDITY_LABELS,
  type ArticleType,
  type MetadataField,
} from '../../../../common/content.ts';
import { ArticleRefSelect } from './ArticleRefSelect.tsx';
import { AttachmentsInput } from './AttachmentsInput.tsx';
import { isRequired, kindOf } from './articleForm.ts';

const VALIDITY_OPTIONS = VALIDITY.map((v) => ({ value: v, label: VALIDITY_LABELS[v] }));

/** Help under a field where its meaning or format is not obvious. */
const HINTS: Partial<Record<MetadataField, string>> = {
  docNumber: '如：攀办函〔2017〕122号，保存时自动规范六角括号',
  eventEndedAt: '北京时间。民生活动类信息须在活动结束后 24 小时内发布',
  isLivelihood: '民生活动类信息适用 24 小时发布时限',
  isNormative: '行政规范性文件须在印发后 3 个工作日内发布',
  issuedOn: '纸质文件印发的日期',
  keywords: '输入后按回车添加，最多 20 个',
  replacedBy: '本文件被哪份政策文件替代',
  relatedPolicies: '本解读对应的政策文件，须与政策文件同步发布',
  correctionNote: '发布后更正时说明更正了什么',
};

/** Wide fields take the whole row. */
const WIDE = new Set<MetadataField>(['relatedPolicies', 'attachments', 'correctionNote', 'keywords']);

export interface MetadataFieldsProps {
  type: ArticleType;
  siteId: string | null;
  articleId?: string | null;
}

function control(field: MetadataField, required: boolean, siteId: string | null, articleId: string | null | undefined): ReactNode {
  const label = METADATA_FIELDS[field].label;
  switch (kindOf(field)) {
    case 'text':
      return field === 'correctionNote' ? (
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} aria-required={required} />
      ) : (
        <Input maxLength={field === 'issuingOrg' ? 200 : 100} aria-required={required} />
      );
    case 'docNumber':
      return <Input maxLength={100} aria-required={required} placeholder="攀办函〔2017〕122号" />;
    case 'date':
      return <DatePicker format="YYYY-MM-DD" aria-required={required} placeholder={`请选择${label}`} className="gk-date-input" />;
    case 'datetime':
      return (
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" aria-required={required} placeholder={`请选择${label}`} />
      );
    case 'boolean':
      return <Switch checkedChildren="是" unCheckedChildren="否" />;
    case 'tags':
      return (
        <Select
          mode="tags"
          tokenSeparators={[',', '，', '、']}
          maxCount={20}
          notFoundContent={null}
          open={false}
          aria-required={required}
        />
      );
    case 'validity':
      return <Select options={VALIDITY_OPTIONS} allowClear aria-required={required} placeholder="请选择有效性" />;
    case 'articleRef':
      return <ArticleRefSelect siteId={siteId} type="policy" excludeId={articleId ?? null} aria-required={required} />;
    case 'articleRefs':
      return <ArticleRefSelect siteId={siteId} type="policy" multiple excludeId={articleId ?? null} aria-required={required} />;
    case 'files':
      return <AttachmentsInput siteId={siteId} />;
  }
}

/** The type's metadata fields, from ARTICLE_TYPE_CONFIG and METADATA_FIELDS; required ones marked. */
export function MetadataFields({ type, siteId, articleId }: MetadataFieldsProps) {
  return (
    <Row gutter={16}>
      {ARTICLE_TYPE_CONFIG[type].fields.map((field) => {
        const required = isRequired(type, field);
        const isSwitch = kindOf(field) === 'boolean';
        return (
          <Col key={field} xs={24} md={WIDE.has(field) ? 24 : 12}>
            <Form.Item
              name={['metadata', field]}
              label={METADATA_FIELDS[field].label}
              required={required}
              extra={HINTS[field]}
              {...(isSwitch ? { valuePropName: 'checked' } : {})}
            >
              {control(field, required, siteId, articleId)}
            </Form.Item>
          </Col>
        );
      })}
    </Row>
  );
}
