import { App, Button, Card, Descriptions, Form, Input, Select, Space, Typography } from 'antd';
import { useCallback, useId, useRef, useState, type ComponentRef } from 'react';
import { LetterActionSchema, type LetterActionName } from '../../../../common/schemas/interaction.ts';
import { fetchReplyTemplates, sendLetterAction, type LetterDetail } from '../../api/interaction.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { LoadErrorAlert } from '../../components/LoadErrorAlert.tsx';
import { applyFieldErrors, validateBody } from '../../lib/formErrors.ts';
import { useApiData } from '../../lib/useApiData.ts';
import { useUnsavedChanges } from '../../session/useUnsavedChanges.ts';
import { actionDoneText, actionFailure, insertText } from './letterActions.ts';
import { actionLabel } from './letterLabels.ts';
import './interaction.css';

const REPLY_FIELDS = ['reply'] as const;

export interface LetterReplyCardProps {
  letter: LetterDetail;
  /** The steps this user may take now. */
  actions: readonly LetterActionName[];
  /** Whose reply templates to offer (null: none). */
  templateSiteId: string | null;
  onChanged: (next: LetterDetail) => void;
}

/**
 * 答复: while the letter is being handled, the reply is written here (templates can be inserted
 * at the cursor), saved, and submitted — to the leader's review when the channel asks for it,
 * otherwise straight to the writer. Afterwards, the reply as sent.
 */
export function LetterReplyCard({ letter, actions, templateSiteId, onChanged }: LetterReplyCardProps) {
  const editable = actions.includes('draftReply');
  if (!editable && !letter.reply) return null;
  return (
    <Card title="答复" size="small" style={{ marginTop: 16 }}>
      {editable ? (
        <ReplyEditor letter={letter} actions={actions} templateSiteId={templateSiteId} onChanged={onChanged} />
      ) : (
        <>
          <Descriptions
            size="small"
            column={2}
            items={[
              { key: 'org', label: '答复单位', children: letter.replyOrgName ?? letter.handlingOrgName },
              { key: 'on', label: '答复日期', children: letter.repliedOn ?? '尚未发送' },
            ]}
          />
          <p className="gk-letter-text">{letter.reply}</p>
        </>
      )}
    </Card>
  );
}

interface ReplyValues {
  reply?: string;
}

function ReplyEditor({ letter, actions, templateSiteId, onChanged }: LetterReplyCardProps) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<ReplyValues>();
  const saved = letter.reply ?? '';
  const text = Form.useWatch('reply', form) ?? saved;
  const dirty = text !== saved;
  useUnsavedChanges(dirty);
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState<'draftReply' | 'submitReply' | null>(null);
  const area = useRef<ComponentRef<typeof Input.TextArea>>(null);
  // Where the cursor was when the text was left (to choose a template); null until the text is used.
  const cursor = useRef<{ start: number; end: number } | null>(null);
  const templateSelectId = useId();
  // Each insertion remounts the template choice, so it reads 选择模板 again.
  const [inserted, setInserted] = useState(0);

  const loadTemplates = useCallback(
    (signal: AbortSignal) => (templateSiteId ? fetchReplyTemplates(templateSiteId, signal) : Promise.resolve([])),
    [templateSiteId],
  );
  const templates = useApiData(loadTemplates);

  const insertTemplate = (id: string) => {
    const template = templates.data?.find((t) => t.id === id);
    if (!template) return;
    const el = area.current?.resizableTextArea?.textArea;
    const current = (form.getFieldValue('reply') as string | undefined) ?? '';
    const next = insertText(current, template.body, cursor.current);
    cursor.current = { start: next.cursor, end: next.cursor };
    form.setFieldsValue({ reply: next.text });
    setInserted((n) => n + 1);
    // Back to the text, the cursor after what was inserted, so typing goes on from there.
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(next.cursor, next.cursor);
    });
  };

  /** Sends one reply step; the answer replaces the letter. Returns the letter afterwards, or null on failure. */
  const run = async (body: Parameters<typeof sendLetterAction>[1]): Promise<LetterDetail | null> => {
    try {
      return await sendLetterAction(letter.id, body);
    } catch (e) {
      const failure = actionFailure(e, REPLY_FIELDS);
      applyFieldErrors(form, failure.fields, REPLY_FIELDS);
      setAlert(failure.alert);
      return null;
    }
  };

  /** Saves the text as typed (if changed); the letter afterwards, or null when refused. */
  const saveDraft = async (): Promise<LetterDetail | null> => {
    const v = validateBody(LetterActionSchema, { action: 'draftReply', reply: form.getFieldValue('reply') ?? '' }, REPLY_FIELDS);
    if (!v.ok) {
      applyFieldErrors(form, v.fields, REPLY_FIELDS);
      setAlert(v.other.join('；') || null);
      return null;
    }
    return run(v.data);
  };

  const draft = async () => {
    setAlert(null);
    setBusy('draftReply');
    const next = await saveDraft();
    setBusy(null);
    if (!next) return;
    void message.success(actionDoneText('draftReply', letter.reviewReplies));
    onChanged(next);
  };

  const submit = async () => {
    setAlert(null);
    setBusy('submitReply');
    // An edited reply is saved first, so what is submitted is what is on the screen.
    let drafted: LetterDetail | null = null;
    if (dirty) {
      drafted = await saveDraft();
      if (!drafted) return setBusy(null);
    }
    const next = await run({ action: 'submitReply' });
    setBusy(null);
    if (!next) {
      // The draft was saved even though sending it was refused: show the letter as it now is.
      if (drafted) onChanged(drafted);
      return;
    }
    void message.success(actionDoneText('submitReply', letter.reviewReplies));
    onChanged(next);
  };

  const confirmSubmit = () => {
    if (letter.reviewReplies) return void submit();
    modal.confirm({
      title: '发送答复',
      content: letter.consentPublish ? '答复将发送给来信人，并按渠道设置在网站公开。确定发送？' : '答复将发送给来信人。确定发送？',
      okText: '发送答复',
      cancelText: '取消',
      onOk: submit,
    });
  };

  const submitLabel = actionLabel('submitReply', letter.reviewReplies);
  return (
    <Form<ReplyValues> form={form} name="letter-reply" layout="vertical" initialValues={{ reply: saved }} onFinish={() => void draft()}>
      {templateSiteId ? (
        <div className="gk-filter gk-block">
          <label htmlFor={templateSelectId}>插入模板</label>
          <Select<string>
            key={inserted}
            id={templateSelectId}
            placeholder={templates.data?.length === 0 ? '暂无答复模板' : '选择模板，插入到光标处'}
            options={(templates.data ?? []).map((t) => ({ value: t.id, label: t.title }))}
            onChange={insertTemplate}
            loading={templates.loading}
            disabled={!templates.data?.length}
            style={{ maxWidth: 360 }}
          />
        </div>
      ) : null}
      {templates.error ? <LoadErrorAlert error={templates.error} what="答复模板" onRetry={templates.reload} /> : null}
      <Form.Item label="答复内容" name="reply" required>
        <Input.TextArea
          ref={area}
          rows={10}
          maxLength={5000}
          showCount
          onBlur={(e) => {
            cursor.current = { start: e.target.selectionStart, end: e.target.selectionEnd };
          }}
        />
      </Form.Item>
      <FormErrorAlert text={alert} />
      <Space wrap>
        <Button htmlType="submit" loading={busy === 'draftReply'} disabled={busy !== null && busy !== 'draftReply'}>
          {actionLabel('draftReply', letter.reviewReplies)}
        </Button>
        {actions.includes('submitReply') ? (
          <Button type="primary" onClick={confirmSubmit} loading={busy === 'submitReply'} disabled={!text.trim() || busy === 'draftReply'}>
            {submitLabel}
          </Button>
        ) : null}
      </Space>
      {!actions.includes('submitReply') ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          保存答复后可{submitLabel}。
        </Typography.Paragraph>
      ) : letter.reviewReplies ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          本渠道的答复须经领导审核后发送给来信人。
        </Typography.Paragraph>
      ) : null}
    </Form>
  );
}
