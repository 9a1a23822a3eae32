import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, List, Typography } from 'antd';
import { useState } from 'react';
import { actionErrorText } from '../../lib/formErrors.ts';
import type { AttachmentRef } from './articleForm.ts';
import { ATTACHMENT_ACCEPT, FilePickButton } from './FilePickButton.tsx';
import { fileUrl } from './gkLinks.ts';
import { useUploader } from './useUploader.ts';

export interface AttachmentsInputProps {
  id?: string;
  siteId: string | null;
  value?: AttachmentRef[];
  onChange?: (value: AttachmentRef[]) => void;
}

/** The 附件 metadata field: uploaded files listed by name, each downloadable and removable. */
export function AttachmentsInput({ id, siteId, value = [], onChange }: AttachmentsInputProps) {
  const { message } = App.useApp();
  const { upload } = useUploader(siteId);
  const [busy, setBusy] = useState(false);

  const add = async (file: File) => {
    setBusy(true);
    try {
      const f = await upload(file);
      onChange?.([...value, { fileId: f.fileId, name: f.name }]);
      void message.success(`已上传「${f.name}」`);
    } catch (e) {
      void message.error(`上传失败：${actionErrorText(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div id={id} className="gk-attachments">
      {value.length > 0 && (
        <List
          size="small"
          bordered
          className="gk-block"
          dataSource={value}
          renderItem={(a, i) => (
            <List.Item
              key={a.fileId}
              actions={[
                <Button key="remove" type="link" size="small" onClick={() => onChange?.(value.filter((_, k) => k !== i))}>
                  {`移除`}
                  <span className="gk-visually-hidden">{a.name}</span>
                </Button>,
              ]}
            >
              <Typography.Link href={fileUrl(a.fileId)} target="_blank" rel="noopener">
                <PaperClipOutlined aria-hidden /> {a.name}
              </Typography.Link>
            </List.Item>
          )}
        />
      )}
      <FilePickButton accept={ATTACHMENT_ACCEPT} onPick={(f) => void add(f)} loading={busy} disabled={!siteId} icon={<UploadOutlined />}>
        上传附件
      </FilePickButton>
      <Typography.Paragraph type="secondary" className="gk-field-hint">
        支持 PDF、Word、Excel、OFD 和图片，单个文件不超过 50 MB（图片 10 MB）。
      </Typography.Paragraph>
    </div>
  );
}
