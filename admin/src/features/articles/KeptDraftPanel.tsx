import { App, Button, Card, Descriptions, Space, Spin, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { copyText } from '../../lib/clipboard.ts';
import { formatDateTime } from '../../lib/datetime.ts';
import type { KeptDraft } from './ArticleEditor.tsx';
import { fieldLabel, formatFieldValue } from './articleForm.ts';

const ReadOnlyRichText = lazy(() => import('./RichTextEditor.tsx').then((m) => ({ default: m.ReadOnlyRichText })));

/**
 * The user's unsaved text after a version conflict, kept beside the reloaded editor so
 * nothing is lost: they copy back what they need, then dismiss it.
 */
export function KeptDraftPanel({ draft, onDismiss }: { draft: KeptDraft; onDismiss: () => void }) {
  const { message, modal } = App.useApp();
  const copy = async (text: string, what: string) => {
    if (await copyText(text)) void message.success(`已复制${what}`);
    else void message.error('复制失败，请手动选择文字复制');
  };
  const dismiss = () =>
    modal.confirm({
      title: '关闭“您未保存的内容”？',
      content: '关闭后这些内容将无法找回，请确认需要的修改已填入编辑器。',
      okText: '关闭',
      cancelText: '取消',
      onOk: onDismiss,
    });
  return (
    <Card
      className="gk-kept-draft"
      title={<h2 className="gk-card-heading">您未保存的内容</h2>}
      extra={
        <Button size="small" onClick={dismiss}>
          关闭
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{`${formatDateTime(draft.at)} 保存时因他人已修改而未能保存。可选中正文复制到左侧编辑器。`}</Typography.Paragraph>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'title',
            label: '标题',
            children: (
              <Space wrap>
                <span>{draft.title}</span>
                <Button size="small" type="link" onClick={() => void copy(draft.title, '标题')}>
                  复制标题
                </Button>
              </Space>
            ),
          },
          { key: 'source', label: '来源', children: draft.source ?? '（空）' },
          { key: 'summary', label: '摘要', children: draft.summary ?? '（空）' },
          ...Object.entries(draft.metadata).map(([field, value]) => ({
            key: field,
            label: fieldLabel(field),
            children: formatFieldValue(field, value),
          })),
        ]}
      />
      <h3 className="gk-subheading">正文</h3>
      <div className="gk-kept-body">
        <Suspense fallback={<Spin />}>
          <ReadOnlyRichText key={draft.at} html={draft.bodyHtml} label="您未保存的正文" />
        </Suspense>
      </div>
    </Card>
  );
}
