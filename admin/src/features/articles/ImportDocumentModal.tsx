import { Alert, Button, Descriptions, Form, Input, Modal, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { parseDocumentText, type ParsedDocument } from '../../api/content.ts';
import { actionErrorText } from '../../lib/formErrors.ts';
import { FilePickButton } from './FilePickButton.tsx';
import { useUploader } from './useUploader.ts';

export interface ImportDocumentModalProps {
  onCancel: () => void;
  /** Called with the recognised document when the user chooses to fill the article with it. */
  onApply: (doc: ParsedDocument) => void;
}

const dash = (v: string | null | undefined) => v || '（未识别）';

/**
 * 导入公文: reads a 公文 from a Word file or pasted text on the server, shows what was
 * recognised (文号, 标题, 发文机关, 成文日期…) and lets the user fill the article with it.
 */
export function ImportDocumentModal({ onCancel, onApply }: ImportDocumentModalProps) {
  const { parseDocument } = useUploader(null);
  const [text, setText] = useState('');
  const [tab, setTab] = useState<'file' | 'text'>('file');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [doc, setDoc] = useState<ParsedDocument | null>(null);

  const run = async (parse: () => Promise<ParsedDocument>) => {
    setBusy(true);
    setError(null);
    setDoc(null);
    try {
      setDoc(await parse());
    } catch (e) {
      setError(`识别失败：${actionErrorText(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={720}
      title="导入公文"
      onCancel={onCancel}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onCancel}>取消</Button>
          <Button type="primary" disabled={!doc} onClick={() => doc && onApply(doc)}>
            填入稿件
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        从 Word 文件（.docx）或文本中识别文号、标题、发文机关、成文日期和正文，识别结果须人工核对。
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as 'file' | 'text')}
        items={[
          {
            key: 'file',
            label: '上传文件',
            children: (
              <FilePickButton accept=".docx,.txt" loading={busy && tab === 'file'} onPick={(f) => void run(() => parseDocument(f))}>
                选择 Word 或文本文件
              </FilePickButton>
            ),
          },
          {
            key: 'text',
            label: '粘贴文本',
            children: (
              <Form layout="vertical" name="importText">
                <Form.Item label="公文全文" htmlFor="gk-import-text">
                  <Input.TextArea
                    id="gk-import-text"
                    value={text}
                    onChange={(e) => setText(e.target.value)}
                    autoSize={{ minRows: 6, maxRows: 14 }}
                  />
                </Form.Item>
                <Button loading={busy && tab === 'text'} disabled={!text.trim()} onClick={() => void run(() => parseDocumentText(text))}>
                  识别
                </Button>
              </Form>
            ),
          },
        ]}
      />
      {error && <Alert className="gk-block gk-import-result" type="error" showIcon role="alert" title={error} />}
      {doc && (
        <div className="gk-import-result">
          <Descriptions
            size="small"
            bordered
            column={1}
            title="识别结果"
            items={[
              { key: 'title', label: '标题', children: dash(doc.title) },
              { key: 'docNumber', label: '文号', children: dash(doc.docNumber) },
              { key: 'issuingOrg', label: '发文机关', children: dash(doc.issuingOrg) },
              { key: 'writtenOn', label: '成文日期', children: dash(doc.writtenOn) },
              { key: 'recipients', label: '主送机关', children: doc.recipients?.join('、') || '（未识别）' },
              { key: 'attachments', label: '附件说明', children: doc.attachments?.join('；') || '无' },
              { key: 'disclosure', label: '公开属性', children: dash(doc.disclosure) },
              { key: 'body', label: '正文', children: doc.bodyHtml ? '已识别（填入后可在编辑器中修改）' : '（未识别）' },
            ]}
          />
          {doc.attachments && doc.attachments.length > 0 && (
            <Alert className="gk-block" type="info" showIcon title="附件须另行上传：请在“附件”栏上传附件文件。" />
          )}
        </div>
      )}
    </Modal>
  );
}
