import { Alert, App, Button, Col, Form, Row, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { grantsAllow } from '../../../../common/permissions.ts';
import { SaveServiceItemSchema } from '../../../../common/schemas/guides.ts';
import type { ServiceElement } from '../../../../common/service-items.ts';
import { isApiError } from '../../api/client.ts';
import { createServiceItem, updateServiceItem, type ServiceItemView } from '../../api/guides.ts';
import type { Org } from '../../api/orgs.ts';
import { applyFieldErrors, submitErrorDisplay, validateBody } from '../../lib/formErrors.ts';
import { SERVICE_ITEMS_PATH, serviceItemPath } from '../../paths.ts';
import { useCurrentUser } from '../../session/useSession.ts';
import { useLeaveConfirm } from '../../session/useLeaveConfirm.ts';
import { CompletenessPanel } from './CompletenessPanel.tsx';
import { GuideFields } from './GuideFields.tsx';
import { ItemActions } from './ItemActions.tsx';
import {
  emptyServiceItemValues,
  serviceItemBody,
  serviceItemFieldNames,
  serviceItemFormValues,
  type ServiceItemFormValues,
} from './serviceItemForm.ts';
import { useGuideUpload } from './useGuideUpload.ts';

export interface ServiceItemFormProps {
  siteId: string;
  /** The item as last loaded or saved; null for a new one. */
  item: ServiceItemView | null;
  /** The department a new item starts in. */
  defaultOrgId: string | null;
  orgs: readonly Org[];
  required: readonly ServiceElement[];
  /** The item after a save or an action. */
  onItem: (item: ServiceItemView) => void;
  /** Loads the item again behind the form (after 发布: the state changed, not the guide). */
  onRefresh: () => void;
  /** Starts over from the latest saved version (载入最新版本 after a conflict). */
  onReload: () => void;
}

/**
 * The guide of one item: every element, the live completeness panel beside it, and the
 * actions below (保存; for those who may, 发布, 下线, 标记已复核, 删除). Validated with the shared
 * schema; the server's errors land on their fields; a version conflict says so and offers the
 * latest version.
 */
export function ServiceItemForm({ siteId, item, defaultOrgId, orgs, required, onItem, onRefresh, onReload }: ServiceItemFormProps) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [form] = Form.useForm<ServiceItemFormValues>();
  const [initialValues] = useState<ServiceItemFormValues>(() =>
    item ? serviceItemFormValues(item.guide, item.orgId) : emptyServiceItemValues(defaultOrgId),
  );
  const { uploadFile } = useGuideUpload(siteId);
  const [uploaded, setUploaded] = useState<Record<string, string>>({});
  const fileNames = useMemo(
    () => ({ ...Object.fromEntries(Object.entries(item?.files ?? {}).map(([id, f]) => [id, f.name])), ...uploaded }),
    [item?.files, uploaded],
  );
  const upload = async (file: File) => {
    const f = await uploadFile(file);
    setUploaded((u) => ({ ...u, [f.fileId]: f.name }));
    return f;
  };

  const mayEdit = grantsAllow(user.grants, 'guides.edit', siteId);
  const requiredSet = useMemo(() => new Set(required), [required]);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const leavingRef = useLeaveConfirm(dirty, '办事指南的修改');

  const save = async () => {
    setAlert(null);
    setConflict(null);
    const values = form.getFieldsValue(true) as ServiceItemFormValues;
    const fields = serviceItemFieldNames(values);
    const v = validateBody(SaveServiceItemSchema, serviceItemBody(values, item?.version), fields);
    if (!v.ok) {
      applyFieldErrors(form, v.fields, fields);
      setAlert(v.other.join('；') || '请按提示修改标红的内容');
      return;
    }
    setSaving(true);
    try {
      const saved = item ? await updateServiceItem(item.id, v.data) : await createServiceItem(siteId, v.data);
      applyFieldErrors(form, [], fields);
      setDirty(false);
      if (!item) {
        void message.success('事项已保存为草稿');
        leavingRef.current = true;
        void navigate(serviceItemPath(saved.id), { replace: true });
        return;
      }
      onItem(saved);
      void message.success(saved.state === 'published' ? '已保存；修改须发布后才在网站上显示' : '已保存');
    } catch (e) {
      // A version conflict names no field: someone else saved first. (A taken code names its field.)
      if (isApiError(e) && e.status === 409 && e.fields.length === 0) {
        setConflict(e.message);
        return;
      }
      const shown = submitErrorDisplay(e, fields);
      applyFieldErrors(form, shown.fields, fields);
      setAlert(shown.alert ?? (shown.fields.length ? '请按提示修改标红的内容' : null));
    } finally {
      setSaving(false);
    }
  };

  const markDirty = () => setDirty(true);

  return (
    <Row gutter={16}>
      <Col xs={24} xl={17}>
        <Form<ServiceItemFormValues>
          form={form}
          layout="vertical"
          name="service-item"
          initialValues={initialValues}
          onValuesChange={markDirty}
          disabled={!mayEdit}
        >
          {!mayEdit && (
            <Alert
              className="gk-form-alert"
              type="info"
              showIcon
              title="您可以审核、发布或下线该事项；办事指南的内容由办事服务专员维护。"
            />
          )}
          <GuideFields orgs={orgs} required={requiredSet} fileNames={fileNames} upload={upload} disabled={!mayEdit} onChanged={markDirty} />
        </Form>
        <div className="gk-editor-actions">
          {alert && <Alert className="gk-form-alert" type="error" showIcon role="alert" title={alert} />}
          {conflict && (
            <Alert
              className="gk-form-alert"
              type="error"
              showIcon
              role="alert"
              title={conflict}
              description="在您编辑期间，他人保存了该事项，您的修改尚未保存。载入最新版本将放弃您的修改。"
              action={
                <Button
                  onClick={() => {
                    setDirty(false);
                    onReload();
                  }}
                >
                  载入最新版本
                </Button>
              }
            />
          )}
          <Space wrap>
            {mayEdit && (
              <Button type="primary" loading={saving} onClick={() => void save()}>
                保存
              </Button>
            )}
            {item && (
              <ItemActions
                item={item}
                dirty={dirty}
                onChanged={onItem}
                onPublished={onRefresh}
                onDeleted={() => {
                  leavingRef.current = true;
                  void navigate(`${SERVICE_ITEMS_PATH}?${new URLSearchParams({ siteId }).toString()}`);
                }}
                onRefused={setAlert}
              />
            )}
            <Link to={`${SERVICE_ITEMS_PATH}?${new URLSearchParams({ siteId }).toString()}`}>返回事项列表</Link>
            <Typography.Text type="secondary" aria-live="polite">
              {dirty ? '有未保存的修改' : ''}
            </Typography.Text>
          </Space>
        </div>
      </Col>
      <Col xs={24} xl={7}>
        <CompletenessPanel form={form} required={required} />
      </Col>
    </Row>
  );
}
