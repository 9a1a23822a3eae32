import { Card, Col, Form, Input, Row, Select } from 'antd';
import type { ReactNode } from 'react';
import type { ServiceElement } from '../../../../common/service-items.ts';
import type { Org } from '../../api/orgs.ts';
import { OrgTreeSelect } from '../../components/OrgTreeSelect.tsx';
import { FaqList } from './FaqList.tsx';
import { AudienceChoice } from './AudienceChoice.tsx';
import { CATEGORY_OPTIONS, LIFE_EVENT_OPTIONS, ONLINE_LEVEL_OPTIONS, TOPIC_OPTIONS } from './guideLabels.ts';
import { MaterialsList } from './MaterialsList.tsx';
import { ProcessList } from './ProcessList.tsx';
import { SECTION_IDS } from './serviceItemForm.ts';

export interface GuideFieldsProps {
  orgs: readonly Org[];
  /** The required elements of the current policy: their fields are marked as required. */
  required: ReadonlySet<ServiceElement>;
  fileNames: Readonly<Record<string, string>>;
  upload: (file: File) => Promise<{ fileId: string; name: string }>;
  disabled: boolean;
  onChanged: () => void;
}

function Section({ title, id, children }: { title: string; id?: string; children: ReactNode }) {
  return (
    <Card
      className="gk-block gk-guide-section"
      title={<h2 className="gk-card-heading">{title}</h2>}
      // The completeness panel moves the focus here for the list elements.
      {...(id ? { id, tabIndex: -1 } : {})}
    >
      {children}
    </Card>
  );
}

/** Every element of a guide, in the order of SERVICE_ELEMENTS (the order the public page shows them). */
export function GuideFields({ orgs, required, fileNames, upload, disabled, onChanged }: GuideFieldsProps) {
  const req = (e: ServiceElement) => required.has(e);
  const text = (max: number) => ({ maxLength: max, showCount: max > 500 });
  return (
    <>
      <Section title="基本信息">
        <Form.Item name="name" label="事项名称" required>
          <Input maxLength={200} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="code" label="事项编码" required extra="字母、数字和 - _ .，用于网页地址；发布后请勿随意修改">
              <Input className="gk-code-input" maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="orgId" label="所属部门" required>
              <OrgTreeSelect orgs={orgs} placeholder="请选择部门" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="category" label="事项类型" required={req('category')}>
              <Select options={CATEGORY_OPTIONS} allowClear placeholder="请选择事项类型" aria-required={req('category')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="audiences" label="服务对象" required>
              <AudienceChoice />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="topics" label="主题分类">
              <Select mode="multiple" options={TOPIC_OPTIONS} placeholder="可多选" showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="lifeEvents" label="人生事件" extra="个人的人生阶段，或企业的生命周期">
              <Select mode="multiple" options={LIFE_EVENT_OPTIONS} placeholder="可多选" showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </Col>
        </Row>
      </Section>

      <Section title="设定依据和申请条件">
        <Form.Item name="legalBasis" label="设定依据" required={req('legalBasis')} extra="法律、法规、规章的名称和条款">
          <Input.TextArea {...text(5000)} autoSize={{ minRows: 3, maxRows: 10 }} aria-required={req('legalBasis')} />
        </Form.Item>
        <Form.Item name="conditions" label="申请条件" required={req('conditions')}>
          <Input.TextArea {...text(5000)} autoSize={{ minRows: 3, maxRows: 10 }} aria-required={req('conditions')} />
        </Form.Item>
      </Section>

      <Section title="办理材料" id={SECTION_IDS.materials}>
        <MaterialsList names={fileNames} upload={upload} disabled={disabled} onChanged={onChanged} />
      </Section>

      <Section title="办理机构、地点和时限">
        <Form.Item name="handlingOrg" label="办理机构" required={req('handlingOrg')}>
          <Input maxLength={200} aria-required={req('handlingOrg')} />
        </Form.Item>
        <Form.Item name="place" label="办理地点" required={req('place')}>
          <Input.TextArea {...text(500)} autoSize={{ minRows: 1, maxRows: 4 }} aria-required={req('place')} />
        </Form.Item>
        <Form.Item name="officeHours" label="办理时间" required={req('officeHours')} extra="如：工作日上午 9:00—12:00，下午 13:30—17:00">
          <Input.TextArea {...text(500)} autoSize={{ minRows: 1, maxRows: 4 }} aria-required={req('officeHours')} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="legalTimeLimit" label="法定时限" required={req('timeLimit')} extra="法定时限和承诺时限填写一项即可">
              <Input maxLength={200} placeholder="如：20 个工作日" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="promisedTimeLimit" label="承诺时限">
              <Input maxLength={200} placeholder="如：5 个工作日" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="fees" label="收费标准" required={req('fees')} extra="不收费的填写“不收费”">
          <Input.TextArea {...text(2000)} autoSize={{ minRows: 1, maxRows: 6 }} aria-required={req('fees')} />
        </Form.Item>
        <Form.Item name="feeBasis" label="收费依据">
          <Input.TextArea {...text(2000)} autoSize={{ minRows: 1, maxRows: 6 }} />
        </Form.Item>
      </Section>

      <Section title="办理流程" id={SECTION_IDS.process}>
        <ProcessList disabled={disabled} onChanged={onChanged} />
      </Section>

      <Section title="咨询、投诉和在线办理">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="phone" label="联系电话" required={req('phone')}>
              <Input maxLength={200} inputMode="tel" aria-required={req('phone')} placeholder="如：0571-12345678" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="complaintPhone" label="监督投诉电话">
              <Input maxLength={200} inputMode="tel" placeholder="如：12345" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="onlineUrl" label="在线办理地址" required={req('onlineUrl')} extra="以 http:// 或 https:// 开头">
              <Input maxLength={500} inputMode="url" aria-required={req('onlineUrl')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="onlineLevel" label="网办深度">
              <Select options={ONLINE_LEVEL_OPTIONS} />
            </Form.Item>
          </Col>
        </Row>
      </Section>

      <Section title="常见问题" id={SECTION_IDS.faq}>
        <FaqList disabled={disabled} onChanged={onChanged} />
      </Section>
    </>
  );
}
