import { App, Button, Card, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { LetterActionSchema, type LetterActionName } from '../../../../common/schemas/interaction.ts';
import { fetchLetters, sendLetterAction, type LetterDetail } from '../../api/interaction.ts';
import { fetchOrgs } from '../../api/orgs.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { LoadErrorAlert } from '../../components/LoadErrorAlert.tsx';
import { OrgTreeSelect } from '../../components/OrgTreeSelect.tsx';
import { applyFieldErrors, validateBody } from '../../lib/formErrors.ts';
import { useApiData } from '../../lib/useApiData.ts';
import {
  ACTION_FORMS,
  actionBody,
  actionDoneText,
  actionFailure,
  mergeOptions,
  panelActions,
  type ActionFormValues,
  type PanelAction,
} from './letterActions.ts';
import { actionLabel } from './letterLabels.ts';

/** How many of the site's letters the merge choice offers besides the near duplicates. */
const MERGE_CANDIDATES = 200;

export interface LetterActionsPanelProps {
  letter: LetterDetail;
  /** The steps this user may take now (the letter's allowed steps, filtered by the user's permissions). */
  actions: readonly LetterActionName[];
  onChanged: (next: LetterDetail) => void;
}

/**
 * 办理: the steps the letter allows now (受理, 交办, 转办, 审核 …), one chosen at a time with
 * its own fields. The reply's steps are beside the reply. After a step, the letter is shown
 * as the server returned it.
 */
export function LetterActionsPanel({ letter, actions, onChanged }: LetterActionsPanelProps) {
  const steps = panelActions(actions);
  const [chosen, setChosen] = useState<PanelAction | null>(null);
  const action = chosen && steps.includes(chosen) ? chosen : (steps[0] ?? null);
  const needsOrgs = actions.includes('assign') || actions.includes('transfer');
  const loadOrgs = useCallback((signal: AbortSignal) => (needsOrgs ? fetchOrgs(signal) : Promise.resolve([])), [needsOrgs]);
  const orgs = useApiData(loadOrgs);
  const mayMerge = actions.includes('merge');
  const loadSiteLetters = useCallback(
    (signal: AbortSignal) =>
      mayMerge ? fetchLetters(letter.siteId, { limit: MERGE_CANDIDATES }, signal) : Promise.resolve({ items: [], total: 0 }),
    [mayMerge, letter.siteId],
  );
  const siteLetters = useApiData(loadSiteLetters);
  const merges = useMemo(() => mergeOptions(letter, siteLetters.data?.items ?? []), [letter, siteLetters.data]);

  if (!action) return null;
  return (
    <Card title="办理" size="small" style={{ marginTop: 16 }}>
      <Radio.Group
        aria-label="办理操作"
        name="letter-action"
        className="gk-action-choice"
        optionType="button"
        value={action}
        onChange={(e) => setChosen(e.target.value as PanelAction)}
        options={steps.map((a) => ({ value: a, label: actionLabel(a, letter.reviewReplies) }))}
      />
      {orgs.error && needsOrgs ? <LoadErrorAlert error={orgs.error} what="单位列表" onRetry={orgs.reload} /> : null}
      {siteLetters.error && action === 'merge' ? (
        <LoadErrorAlert error={siteLetters.error} what="本网站信件" onRetry={siteLetters.reload} />
      ) : null}
      <ActionForm
        key={`${action}:${letter.state}:${letter.events.length}`}
        letter={letter}
        action={action}
        orgs={orgs.data ?? []}
        merges={merges}
        onChanged={onChanged}
      />
    </Card>
  );
}

interface ActionFormProps {
  letter: LetterDetail;
  action: PanelAction;
  orgs: Awaited<ReturnType<typeof fetchOrgs>>;
  merges: { value: string; label: string }[];
  onChanged: (next: LetterDetail) => void;
}

/** One step's fields, checked with the shared schema; the server's refusals are shown above the button. */
function ActionForm({ letter, action, orgs, merges, onChanged }: ActionFormProps) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<ActionFormValues>();
  const [alert, setAlert] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const spec = ACTION_FORMS[action];
  const shown = spec.fields.map((f) => f.name);
  const label = actionLabel(action, letter.reviewReplies);
  const handlingOnly = useMemo(() => new Set([letter.handlingOrgId]), [letter.handlingOrgId]);

  const send = async (body: Parameters<typeof sendLetterAction>[1]) => {
    setSaving(true);
    try {
      const next = await sendLetterAction(letter.id, body);
      void message.success(actionDoneText(action, letter.reviewReplies));
      onChanged(next);
    } catch (e) {
      const failure = actionFailure(e, shown);
      applyFieldErrors(form, failure.fields, shown);
      setAlert(failure.alert);
    } finally {
      setSaving(false);
    }
  };

  const submit = (values: ActionFormValues) => {
    setAlert(null);
    const v = validateBody(LetterActionSchema, actionBody(action, values), shown);
    if (!v.ok) {
      applyFieldErrors(form, v.fields, shown);
      setAlert(v.other.join('；') || null);
      return;
    }
    if (!spec.confirm) return void send(v.data);
    modal.confirm({
      title: spec.confirm,
      okText: label,
      cancelText: '取消',
      ...(spec.danger ? { okButtonProps: { danger: true } } : {}),
      onOk: () => send(v.data),
    });
  };

  return (
    <Form<ActionFormValues> form={form} name={`letter-${action}`} layout="vertical" onFinish={submit}>
      <Typography.Paragraph type="secondary">{spec.hint}</Typography.Paragraph>
      {spec.fields.map((f) => {
        switch (f.name) {
          case 'orgId':
            return (
              <Form.Item key={f.name} label={f.label} name="orgId" required={f.required}>
                <OrgTreeSelect
                  orgs={orgs}
                  disabledIds={action === 'transfer' ? handlingOnly : undefined}
                  placeholder={`请选择${f.label}`}
                  style={{ maxWidth: 420 }}
                />
              </Form.Item>
            );
          case 'intoLetterId':
            return (
              <Form.Item
                key={f.name}
                label={f.label}
                name="intoLetterId"
                required={f.required}
                extra="相似信件排在前面；可输入受理编号或标题查找本网站的其他信件。"
              >
                <Select
                  options={merges}
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="输入受理编号或标题查找"
                  notFoundContent="没有可合并到的信件"
                  style={{ maxWidth: 640 }}
                />
              </Form.Item>
            );
          default:
            return (
              <Form.Item key={f.name} label={f.label} name={f.name} required={f.required}>
                <Input.TextArea rows={3} maxLength={500} showCount />
              </Form.Item>
            );
        }
      })}
      <FormErrorAlert text={alert} />
      <Space>
        <Button type="primary" htmlType="submit" danger={spec.danger ?? false} loading={saving}>
          {label}
        </Button>
      </Space>
    </Form>
  );
}
