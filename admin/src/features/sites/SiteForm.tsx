import { Alert, Button, Col, Form, Input, Row, Select, Space, Switch } from 'antd';
import { useMemo } from 'react';
import { CreateSiteSchema, HOME_BLOCKS, HOME_BLOCK_LABELS, UpdateSiteSchema } from '../../../../common/schemas/sites.ts';
import type { Org } from '../../api/orgs.ts';
import { createSite, updateSite, type Site } from '../../api/sites.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { OrgTreeSelect } from '../../components/OrgTreeSelect.tsx';
import { changedFields } from '../../lib/changes.ts';
import { subtreeIds } from '../../lib/tree.ts';
import { useSubmitForm } from '../../lib/useSubmitForm.ts';
import {
  editableSiteFields,
  NEW_SITE_VALUES,
  SITE_FORM_FIELDS,
  siteAsBody,
  siteBody,
  siteFormProblems,
  siteFormValues,
  type SiteFormValues,
} from './siteForm.ts';
import { HOSTING_OPTIONS, KIND_OPTIONS, STATUS_OPTIONS } from './siteLabels.ts';

/** manage: every field (sites.manage); identity: a site administrator's own site (sites.edit). */
export type SiteFormMode = 'manage' | 'identity';

export interface SiteFormProps {
  /** The site being edited; without it the form registers a new site. */
  site?: Site;
  mode: SiteFormMode;
  /** Every visible site, for the parent-site choice. */
  sites: readonly Site[];
  orgs: readonly Org[];
  onSaved: (site: Site) => void;
  onCancel: () => void;
  onDirtyChange: (dirty: boolean) => void;
}

const MANAGER_ONLY = '仅系统管理员可修改';

/** Registers or edits a site's identity and status, validated with the shared schemas and site rules. */
export function SiteForm({ site, mode, sites, orgs, onSaved, onCancel, onDirtyChange }: SiteFormProps) {
  const [form] = Form.useForm<SiteFormValues>();
  const hosting = Form.useWatch('hosting', form);
  const submitForm = useSubmitForm({ form, fields: SITE_FORM_FIELDS, onDirtyChange });

  const structuralLocked = mode !== 'manage';
  const lockedExtra = structuralLocked ? MANAGER_ONLY : undefined;

  const initialValues = useMemo(() => (site ? siteFormValues(site) : NEW_SITE_VALUES), [site]);
  const parentOptions = useMemo(() => {
    // A site cannot sit under itself or under one of its own sub-sites.
    const blocked = site
      ? subtreeIds(
          sites.map((s) => ({ id: s.id, parentId: s.parentSiteId })),
          site.id,
        )
      : new Set<string>();
    return sites.filter((s) => !blocked.has(s.id)).map((s) => ({ value: s.id, label: s.name }));
  }, [sites, site]);

  const save = (values: SiteFormValues) => {
    const body = siteBody(values);
    // Site rules the schema cannot express; the server's own site-rule refusals (409) come back
    // with fields and are placed the same way, and also summed up above the buttons.
    const extra = siteFormProblems(body);
    if (!site) {
      return submitForm.submit({
        schema: CreateSiteSchema,
        body,
        extra,
        send: createSite,
        success: (saved) => `已登记网站「${saved.name}」`,
        onSaved,
      });
    }
    return submitForm.submit({
      schema: UpdateSiteSchema,
      body,
      extra,
      send: (data) => {
        const changes = changedFields(siteAsBody(site), data, editableSiteFields(mode === 'manage'));
        return Object.keys(changes).length === 0 ? null : updateSite(site.id, changes);
      },
      success: '网站信息已保存',
      onSaved,
    });
  };

  return (
    <Form<SiteFormValues>
      form={form}
      name={site ? 'site-edit' : 'site-create'}
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={submitForm.markDirty}
      onFinish={(v) => void save(v)}
    >
      {mode === 'identity' && (
        <Alert
          className="gk-form-alert"
          type="info"
          showIcon
          role="note"
          title="您可以修改本网站的标识信息；网站类型、托管方式、主办单位、上级网站和状态由系统管理员维护。"
        />
      )}
      <h2 className="gk-section-heading">基本信息</h2>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            label="网站标识码"
            name="code"
            extra="10 位数字（6 位行政区划代码加 4 位顺序号），或 bm 加 8 位数字；筹建中的网站可暂不填写，上线前须填写。"
          >
            <Input maxLength={10} autoComplete="off" spellCheck={false} className="gk-code-input" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="网站名称" name="name" required>
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="网站类型" name="kind" required extra={lockedExtra}>
            <Select options={KIND_OPTIONS} disabled={structuralLocked} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="托管方式" name="hosting" required extra={lockedExtra}>
            <Select options={HOSTING_OPTIONS} disabled={structuralLocked} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="主办单位" name="sponsorOrgId" required extra={lockedExtra}>
            <OrgTreeSelect orgs={orgs} placeholder="请选择主办单位" disabled={structuralLocked} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="上级网站" name="parentSiteId" extra={lockedExtra ?? '部门网站可挂在本级政府门户网站之下。'}>
            <Select
              options={parentOptions}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="无"
              disabled={structuralLocked}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label="网站状态"
            name="status"
            required
            extra={site ? '上线、下线、迁移和关停在“网站管理 → 集约化”中按步骤办理' : lockedExtra}
          >
            <Select
              options={STATUS_OPTIONS.filter((o) => site || ['planned', 'active', 'migrating'].includes(o.value))}
              disabled={structuralLocked || site !== undefined}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label="对外提供办事服务"
            name="externalServices"
            valuePropName="checked"
            extra={lockedExtra ?? '没有对外服务职能的部门，检查时不查办事服务，得分按 75 分折算为百分制。'}
          >
            <Switch disabled={structuralLocked} />
          </Form.Item>
        </Col>
      </Row>

      <h2 className="gk-section-heading">访问地址</h2>
      <Form.Item
        label="网站首页地址"
        name="baseUrl"
        required={hosting === 'external'}
        extra={hosting === 'external' ? '外部网站须填写，平台据此进行监测。' : '以 http:// 或 https:// 开头。'}
      >
        <Input maxLength={500} autoComplete="off" spellCheck={false} inputMode="url" />
      </Form.Item>
      <Form.Item
        label="域名"
        name="domains"
        extra="输入后按回车添加，最多 10 个；政府网站英文域名须以 .gov.cn 结尾，中文域名以 .政务 结尾。"
      >
        <Select mode="tags" tokenSeparators={[',', '，', ' ', ';', '；']} notFoundContent={null} suffixIcon={null} />
      </Form.Item>

      <h2 className="gk-section-heading">备案信息</h2>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label="ICP 备案号" name="icpNumber">
            <Input maxLength={64} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="公安机关备案号" name="psbNumber">
            <Input maxLength={64} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>

      <h2 className="gk-section-heading">联系方式</h2>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label="联系电话" name={['contact', 'phone']}>
            <Input maxLength={50} autoComplete="off" inputMode="tel" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="电子邮箱" name={['contact', 'email']}>
            <Input maxLength={200} autoComplete="off" inputMode="email" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label="联系地址" name={['contact', 'address']}>
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>

      <h2 className="gk-section-heading">公众网站外观</h2>
      <Row gutter={16}>
        {(['主色', '辅色', '强调色'] as const).map((label, i) => (
          <Col xs={24} md={8} key={label}>
            <Form.Item
              label={label}
              name={['theme', 'colors', i]}
              extra={i === 0 ? '#RRGGBB 格式，留空用默认配色；对比度不足 4.5:1 的颜色不会使用。' : undefined}
            >
              <Input maxLength={7} autoComplete="off" spellCheck={false} placeholder="默认" />
            </Form.Item>
          </Col>
        ))}
        <Col xs={24} md={12}>
          <Form.Item label="网站标志（Logo）图片地址" name={['theme', 'logoUrl']} extra="以 https:// 或 / 开头；留空显示网站名称。">
            <Input maxLength={500} autoComplete="off" spellCheck={false} inputMode="url" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="首页横幅图片地址" name={['theme', 'bannerUrl']}>
            <Input maxLength={500} autoComplete="off" spellCheck={false} inputMode="url" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label="首页板块（按显示顺序）" name={['theme', 'homeBlocks']}>
            <Select mode="multiple" options={HOME_BLOCKS.map((b) => ({ value: b, label: HOME_BLOCK_LABELS[b] }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label="党政机关网站标识编号"
            name="conacId"
            extra="开办单位在党政机关网站标识系统中取得的编号；页面底部标识链接到其核验页面。"
          >
            <Input maxLength={64} autoComplete="off" spellCheck={false} />
          </Form.Item>
        </Col>
      </Row>

      <FormErrorAlert text={submitForm.alert} />
      <Space>
        <Button type="primary" htmlType="submit" loading={submitForm.saving}>
          {site ? '保存修改' : '登记网站'}
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </Form>
  );
}
