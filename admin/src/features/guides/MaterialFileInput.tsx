import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Typography } from 'antd';
import { useState } from 'react';
import { actionErrorText } from '../../lib/formErrors.ts';
import { ATTACHMENT_ACCEPT, FilePickButton } from '../articles/FilePickButton.tsx';
import { fileUrl } from '../articles/gkLinks.ts';

export interface MaterialFileInputProps {
  /** From Form.Item: the id its label points at. */
  id?: string;
  value?: string | null;
  onChange?: (fileId: string | null) => void;
  /** 空白表格 or 示范文本 (the buttons say which). */
  kind: string;
  /** The row's heading id: the buttons are described by it (which material). */
  describedBy: string;
  /** Names of the files already known (the item's `files` and this session's uploads). */
  names: Readonly<Record<string, string>>;
  upload: (file: File) => Promise<{ fileId: string; name: string }>;
  disabled?: boolean;
}

/** One file of a material (its blank form or its sample): shown by name, downloadable, replaceable, removable. */
export function MaterialFileInput({ id, value, onChange, kind, describedBy, names, upload, disabled }: MaterialFileInputProps) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const pick = async (file: File) => {
    setBusy(true);
    try {
      const f = await upload(file);
      onChange?.(f.fileId);
      void message.success(`已上传「${f.name}」`);
    } catch (e) {
      void message.error(`上传失败：${actionErrorText(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div id={id} className="gk-file-value">
      {value ? (
        <>
          <Typography.Link href={fileUrl(value)} target="_blank" rel="noopener">
            <PaperClipOutlined aria-hidden /> {names[value] ?? `已上传的${kind}`}
          </Typography.Link>
          {!disabled && (
            <Button type="link" size="small" aria-describedby={describedBy} onClick={() => onChange?.(null)}>
              {`移除${kind}`}
            </Button>
          )}
        </>
      ) : (
        <Typography.Text type="secondary">未上传</Typography.Text>
      )}
      {!disabled && (
        <FilePickButton
          accept={ATTACHMENT_ACCEPT}
          size="small"
          icon={<UploadOutlined />}
          loading={busy}
          aria-describedby={describedBy}
          onPick={(f) => void pick(f)}
        >
          {value ? `替换${kind}` : `上传${kind}`}
        </FilePickButton>
      )}
    </div>
  );
}
