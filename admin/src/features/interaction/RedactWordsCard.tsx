import { Button, Card, Form, Input, Space } from 'antd';
import { useCallback } from 'react';
import { SaveInteractionSettingsSchema } from '../../../../common/schemas/interaction.ts';
import { fetchInteractionSettings, saveInteractionSettings, type InteractionSettings } from '../../api/interaction.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { LoadErrorAlert } from '../../components/LoadErrorAlert.tsx';
import { differs } from '../../lib/changes.ts';
import { useApiData } from '../../lib/useApiData.ts';
import { useSubmitForm } from '../../lib/useSubmitForm.ts';
import { parseRedactWords, redactWordProblems, redactWordsText } from './channelForm.ts';

const FIELDS = ['redactWords'] as const;

/**
 * 屏蔽词: words of the site replaced by ＊ when a letter and its reply are published (names of
 * places, people, firms …), on top of the personal data masked anyway.
 */
export function RedactWordsCard({ siteId }: { siteId: string }) {
  const load = useCallback((signal: AbortSignal) => fetchInteractionSettings(siteId, signal), [siteId]);
  const settings = useApiData(load);
  return (
    <Card title="屏蔽词" style={{ marginTop: 24 }}>
      {settings.error ? <LoadErrorAlert error={settings.error} what="屏蔽词" onRetry={settings.reload} /> : null}
      {settings.data ? (
        <RedactWordsForm key={redactWordsText(settings.data.redactWords)} siteId={siteId} saved={settings.data} onSaved={settings.reload} />
      ) : null}
    </Card>
  );
}

function RedactWordsForm({ siteId, saved, onSaved }: { siteId: string; saved: InteractionSettings; onSaved: () => void }) {
  const [form] = Form.useForm<{ redactWords?: string }>();
  const submitForm = useSubmitForm({ form, fields: FIELDS });
  const save = (values: { redactWords?: string }) => {
    const words = parseRedactWords(values.redactWords ?? '');
    return submitForm.submit({
      schema: SaveInteractionSettingsSchema,
      body: { redactWords: words },
      extra: redactWordProblems(words),
      send: (data) => (differs(saved.redactWords, data.redactWords) ? saveInteractionSettings(siteId, data) : null),
      success: (result) => `屏蔽词已保存（共 ${result.redactWords.length} 个）`,
      onSaved,
    });
  };
  return (
    <Form
      form={form}
      name="redact-words"
      layout="vertical"
      initialValues={{ redactWords: redactWordsText(saved.redactWords) }}
      onValuesChange={submitForm.markDirty}
      onFinish={(v) => void save(v)}
    >
      <Form.Item
        label="屏蔽词（每行一个）"
        name="redactWords"
        extra="信件和答复在网站公开时，这些词替换为＊。来信人姓名、电话、证件号码、电子邮箱和车牌号码总会屏蔽，无需列出。每个词至少 2 个字，最多 500 个。"
      >
        <Input.TextArea rows={8} />
      </Form.Item>
      <FormErrorAlert text={submitForm.alert} />
      <Space>
        <Button type="primary" htmlType="submit" loading={submitForm.saving}>
          保存屏蔽词
        </Button>
        {submitForm.dirty ? <Button onClick={submitForm.reset}>放弃修改</Button> : null}
      </Space>
    </Form>
  );
}
