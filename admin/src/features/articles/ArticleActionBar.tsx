import { DownloadOutlined, EditOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { PublishSchema, ReasonSchema, ReviewDecisionSchema } from '../../../../common/schemas/content.ts';
import {
  approveArticle,
  emergencyPublishArticle,
  publishArticle,
  rejectArticle,
  retractArticle,
  reviewSheetUrl,
  submitArticle,
  withdrawArticle,
  type ArticleDetail,
  type CheckOutcome,
} from '../../api/content.ts';
import { isApiError } from '../../api/client.ts';
import { formatDateTime } from '../../lib/datetime.ts';
import { actionErrorText, applyFieldErrors, validateBody } from '../../lib/formErrors.ts';
import { ACTION_LABELS, atLastStage, availableActions, type ArticleAction, type Viewer } from './articleActions.ts';
import { beijingToIso, checksFromError } from './articleForm.ts';

type Dialog = 'approve' | 'reject' | 'schedule' | 'emergencyPublish' | 'retract' | null;

export interface ArticleActionBarProps {
  article: ArticleDetail;
  viewer: Viewer;
  /** After an action (succeeded: true) or a refusal showing the screen is out of date: reload the article. */
  onChanged: (succeeded: boolean) => void;
  /** A submission refused by the checks: show their results. */
  onChecks: (checks: CheckOutcome) => void;
}

interface ModalFormProps {
  title: string;
  okText: string;
  danger?: boolean;
  busy: boolean;
  error: string | null;
  onOk: () => void;
  onCancel: () => void;
  children: ReactNode;
}

function ActionModal({ title, okText, danger, busy, error, onOk, onCancel, children }: ModalFormProps) {
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText="取消"
      okButtonProps={{ danger: danger ?? false }}
      confirmLoading={busy}
      onOk={onOk}
      onCancel={onCancel}
      destroyOnHidden
      width={560}
    >
      {error && <Alert className="gk-form-alert" type="error" showIcon role="alert" title={error} />}
      {children}
    </Modal>
  );
}

/** Days before today cannot be chosen for a publication time. */
const beforeToday = (d: Dayjs) => d.isBefore(dayjs().startOf('day'));

/**
 * The workflow buttons the user may use on this article (per articleActions.ts; the server
 * decides), each acting on this one article only, plus the review sheet (审签单).
 */
export function ArticleActionBar({ article, viewer, onChanged, onChecks }: ArticleActionBarProps) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const actions = availableActions(article, viewer);
  const revision = article.current;
  const lastStage = atLastStage(article);
  const checksHere = article.checks && revision && article.checks.revisionId === revision.id ? article.checks : null;

  const open = (d: Dialog) => {
    setError(null);
    setDialog(d);
  };

  /** Runs an action; on success reports and reloads, on failure shows why (in the dialog when one is open). */
  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setDialog(null);
      void message.success(done);
      onChanged(true);
    } catch (e) {
      const checks = checksFromError(e);
      if (checks) onChecks(checks);
      // A state conflict means the screen is out of date (someone else acted, or the text changed).
      if (isApiError(e) && e.status === 409) onChanged(false);
      const text = actionErrorText(e);
      if (dialog) setError(text);
      else void message.error(`操作失败：${text}`);
    } finally {
      setBusy(false);
    }
  };

  const simple = (action: ArticleAction) => {
    const id = article.id;
    switch (action) {
      case 'edit':
        void navigate(`/articles/${encodeURIComponent(id)}/edit`);
        return;
      case 'submit':
        void run(() => submitArticle(id), '已提交审核');
        return;
      case 'withdraw':
        modal.confirm({
          title: '撤回稿件？',
          content:
            article.status === 'in_review'
              ? '撤回后稿件退出审核流程，可修改后重新提交；审核记录会保留。'
              : '撤回后将取消发布安排，稿件须重新提交审核。',
          okText: '撤回',
          cancelText: '取消',
          onOk: () => run(() => withdrawArticle(id), '稿件已撤回'),
        });
        return;
      case 'publish':
        modal.confirm({
          title: '立即发布？',
          content:
            article.status === 'scheduled'
              ? `将取消定时（${formatDateTime(article.scheduledAt ?? '')}），立即在网站上发布。`
              : '稿件将立即在网站上发布。',
          okText: '立即发布',
          cancelText: '取消',
          onOk: () => run(() => publishArticle(id), '稿件已发布'),
        });
        return;
      default:
        open(action as Dialog);
    }
  };

  const disabledReasons = [...new Set(actions.filter((a) => !a.enabled && a.reason).map((a) => a.reason as string))];
  const revisionLine = revision
    ? `第 ${revision.number} 版（${revision.createdByName} 于 ${formatDateTime(revision.createdAt)} 保存）`
    : '';
  const checkWarning = checksHere && checksHere.errors > 0 && (
    <Alert
      className="gk-form-alert"
      type="error"
      showIcon
      title={`该版本的发布前检查发现 ${checksHere.errors} 个错误`}
      description="存在错误时不能审核通过，请退回修改。检查结果见页面右侧“发布前检查”。"
    />
  );

  return (
    <div className="gk-article-actions">
      <Space wrap>
        {actions.map((a) => (
          <Button
            key={a.action}
            type={a.action === 'approve' || a.action === 'submit' || a.action === 'publish' ? 'primary' : 'default'}
            danger={a.action === 'reject' || a.action === 'emergencyPublish' || a.action === 'retract'}
            icon={a.action === 'edit' ? <EditOutlined /> : undefined}
            disabled={!a.enabled || busy}
            onClick={() => simple(a.action)}
          >
            {ACTION_LABELS[a.action]}
          </Button>
        ))}
        <Button icon={<DownloadOutlined />} href={reviewSheetUrl(article.id, 'docx')} download>
          下载审签单
        </Button>
        <Button icon={<PrinterOutlined />} href={reviewSheetUrl(article.id, 'html')} target="_blank" rel="noopener">
          打印审签单
        </Button>
      </Space>
      {disabledReasons.length > 0 && (
        <Typography.Paragraph type="secondary" className="gk-field-hint">
          {`不能审核：${disabledReasons.join('；')}`}
        </Typography.Paragraph>
      )}

      {dialog !== null && (
        <ActionDialog
          kind={dialog}
          article={article}
          revisionLine={revisionLine}
          lastStage={lastStage}
          checkWarning={checkWarning}
          busy={busy}
          error={error}
          run={run}
          onCancel={() => setDialog(null)}
        />
      )}
    </div>
  );
}

interface ActionDialogProps {
  kind: Exclude<Dialog, null>;
  article: ArticleDetail;
  revisionLine: string;
  lastStage: boolean;
  checkWarning: ReactNode;
  busy: boolean;
  error: string | null;
  run: (action: () => Promise<unknown>, done: string) => Promise<void>;
  onCancel: () => void;
}

interface DialogValues {
  opinion?: string;
  publishMode?: 'none' | 'now' | 'at';
  at?: Dayjs;
  reason?: string;
  confirmed?: boolean;
}

/** One workflow dialog with its own form, validated with the shared schemas before it is sent. */
function ActionDialog({ kind, article, revisionLine, lastStage, checkWarning, busy, error, run, onCancel }: ActionDialogProps) {
  const [form] = Form.useForm<DialogValues>();
  const publishMode = Form.useWatch('publishMode', form);
  const revision = article.current;
  const fail = (name: keyof DialogValues, message: string) => form.setFields([{ name, errors: [message] }]);

  const approve = () => {
    if (!revision) return;
    const v = form.getFieldsValue(true) as DialogValues;
    const mode = lastStage ? (v.publishMode ?? 'none') : 'none';
    if (mode === 'at' && !(v.at && v.at.isAfter(dayjs()))) return fail('at', '请选择晚于现在的发布时间');
    const body = {
      revisionId: revision.id,
      ...(v.opinion?.trim() ? { opinion: v.opinion.trim() } : {}),
      ...(mode === 'now' ? { publish: 'now' } : mode === 'at' && v.at ? { publish: beijingToIso(v.at) } : {}),
    };
    const checked = validateBody(ReviewDecisionSchema, body, ['opinion', 'publish']);
    if (!checked.ok) {
      const fields = checked.fields.map((f) => (f.name[0] === 'publish' ? { ...f, name: ['at'] } : f));
      return applyFieldErrors(form, fields, ['opinion', 'at']);
    }
    const done = mode === 'now' ? '审核通过，稿件已发布' : mode === 'at' ? '审核通过，已设置定时发布' : '审核通过';
    void run(() => approveArticle(article.id, body), done);
  };

  const reject = () => {
    if (!revision) return;
    const opinion = String(form.getFieldValue('opinion') ?? '').trim();
    if (!opinion) return fail('opinion', '退回须填写审核意见');
    const checked = validateBody(ReviewDecisionSchema, { revisionId: revision.id, opinion }, ['opinion']);
    if (!checked.ok) return applyFieldErrors(form, checked.fields, ['opinion']);
    void run(() => rejectArticle(article.id, { revisionId: revision.id, opinion }), '稿件已退回');
  };

  const schedule = () => {
    const at = form.getFieldValue('at') as Dayjs | undefined;
    if (!at || !at.isAfter(dayjs())) return fail('at', '请选择晚于现在的发布时间');
    const iso = beijingToIso(at);
    const checked = validateBody(PublishSchema, { at: iso }, ['at']);
    if (!checked.ok) return applyFieldErrors(form, checked.fields, ['at']);
    void run(() => publishArticle(article.id, iso), `已设置定时发布：${at.format('YYYY-MM-DD HH:mm')}`);
  };

  const withReason = () => {
    const reason = String(form.getFieldValue('reason') ?? '').trim();
    // The stricter emergency rule first, so a short reason gets the message that applies.
    if (kind === 'emergencyPublish' && reason.length < 10) return fail('reason', '紧急发布须书面说明理由（不少于 10 个字）');
    const checked = validateBody(ReasonSchema, { reason }, ['reason']);
    if (!checked.ok) return applyFieldErrors(form, checked.fields, ['reason']);
    if (kind === 'emergencyPublish') {
      if (!form.getFieldValue('confirmed')) return fail('confirmed', '请确认已知晓紧急发布的要求');
      void run(() => emergencyPublishArticle(article.id, reason), '稿件已紧急发布，须在规定时间内完成补审');
    } else {
      void run(() => retractArticle(article.id, reason), '稿件已撤稿');
    }
  };

  const common = { busy, error, onCancel };
  switch (kind) {
    case 'approve':
      return (
        <ActionModal title={`审核通过（${article.stageLabel ?? ''}）`} okText="确定通过" onOk={approve} {...common}>
          <Typography.Paragraph>{`您审核的是${revisionLine}。如稿件在此之后被修改，本次审核将不被接受。`}</Typography.Paragraph>
          {checkWarning}
          <Form form={form} layout="vertical" name="approve" initialValues={{ publishMode: 'none' }}>
            <Form.Item name="opinion" label="审核意见">
              <Input.TextArea maxLength={2000} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
            </Form.Item>
            {lastStage && (
              <Form.Item name="publishMode" label="通过后">
                <Radio.Group
                  options={[
                    { value: 'none', label: '仅通过' },
                    { value: 'now', label: '通过并立即发布' },
                    { value: 'at', label: '通过并定时发布' },
                  ]}
                />
              </Form.Item>
            )}
            {lastStage && publishMode === 'at' && (
              <Form.Item name="at" label="发布时间（北京时间）" required>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={beforeToday} aria-required />
              </Form.Item>
            )}
          </Form>
        </ActionModal>
      );
    case 'reject':
      return (
        <ActionModal title={`退回（${article.stageLabel ?? ''}）`} okText="退回" danger onOk={reject} {...common}>
          <Typography.Paragraph>{`退回${revisionLine}，稿件回到信息员处修改。`}</Typography.Paragraph>
          <Form form={form} layout="vertical" name="reject">
            <Form.Item name="opinion" label="退回意见" required extra="请写明需要修改的内容">
              <Input.TextArea maxLength={2000} showCount autoSize={{ minRows: 3, maxRows: 8 }} aria-required />
            </Form.Item>
          </Form>
        </ActionModal>
      );
    case 'schedule':
      return (
        <ActionModal title="定时发布" okText="设置定时发布" onOk={schedule} {...common}>
          <Form form={form} layout="vertical" name="schedule">
            <Form.Item name="at" label="发布时间（北京时间）" required extra="到时由系统自动发布；发布前可撤回">
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={beforeToday} aria-required />
            </Form.Item>
          </Form>
        </ActionModal>
      );
    case 'emergencyPublish':
      return (
        <ActionModal title="紧急发布" okText="确认紧急发布" danger onOk={withReason} {...common}>
          <Alert
            className="gk-form-alert"
            type="error"
            showIcon
            title="紧急发布将跳过审核，立即在网站上发布"
            description="本次发布将被标记为“紧急发布”并记入审计日志；稿件须在规定时间内补齐全部审核环节（事后补审），逾期将被督办。仅用于突发事件等确需立即发布的情形。"
          />
          <Form form={form} layout="vertical" name="emergencyPublish">
            <Form.Item name="reason" label="紧急发布理由" required extra="不少于 10 个字，将写入审签单和审计日志">
              <Input.TextArea maxLength={2000} showCount autoSize={{ minRows: 3, maxRows: 8 }} aria-required />
            </Form.Item>
            <Form.Item name="confirmed" valuePropName="checked">
              <Checkbox>我确认本次发布确属紧急情况，并对发布内容负责</Checkbox>
            </Form.Item>
          </Form>
        </ActionModal>
      );
    case 'retract':
      return (
        <ActionModal title="撤稿" okText="确认撤稿" danger onOk={withReason} {...common}>
          <Alert
            className="gk-form-alert"
            type="warning"
            showIcon
            title="撤稿后网站上将不再显示该稿件；稿件及其全部版本、审核记录仍会保留。"
          />
          <Form form={form} layout="vertical" name="retract">
            <Form.Item name="reason" label="撤稿理由" required>
              <Input.TextArea maxLength={2000} showCount autoSize={{ minRows: 3, maxRows: 8 }} aria-required />
            </Form.Item>
          </Form>
        </ActionModal>
      );
  }
}
