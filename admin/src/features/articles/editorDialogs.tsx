/** The editor's insert dialogs: image (with required alt text), attachment link, link to an article, web link. */
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { actionErrorText } from '../../lib/formErrors.ts';
import { ArticleRefSelect } from './ArticleRefSelect.tsx';
import { ATTACHMENT_ACCEPT, FilePickButton, IMAGE_ACCEPT } from './FilePickButton.tsx';
import { articleRef, fileRef } from './gkLinks.ts';
import { useUploader } from './useUploader.ts';

export interface LinkInsert {
  href: string;
  text: string;
}

interface DialogProps<T> {
  siteId: string | null;
  onCancel: () => void;
  onInsert: (value: T) => void;
}

function useUploadStep(siteId: string | null) {
  const { upload } = useUploader(siteId);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Uploads the chosen file and hands the result on; `missing` is shown when no file was chosen. */
  const uploadThen = async (missing: string, then: (uploaded: Awaited<ReturnType<typeof upload>>) => void) => {
    if (!file) {
      setError(missing);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      then(await upload(file));
    } catch (e) {
      setError(`上传失败：${actionErrorText(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return { file, setFile, busy, error, setError, uploadThen };
}

/** 插入图片: choose a file, give it alt text (required: screen-reader users and the checks need it). */
export function ImageDialog({ siteId, onCancel, onInsert }: DialogProps<{ src: string; alt: string }>) {
  const [form] = Form.useForm<{ alt: string }>();
  const s = useUploadStep(siteId);

  const ok = async () => {
    const { alt } = await form.validateFields();
    await s.uploadThen('请选择要插入的图片', (uploaded) => {
      if (!uploaded.image) {
        s.setError('所选文件不是图片，请选择 PNG、JPG、GIF 或 WebP 图片');
        return;
      }
      onInsert({ src: fileRef(uploaded.fileId), alt: alt.trim() });
    });
  };

  return (
    <Modal
      open
      title="插入图片"
      okText="上传并插入"
      cancelText="取消"
      onOk={() => void ok()}
      onCancel={onCancel}
      confirmLoading={s.busy}
      destroyOnHidden
    >
      {s.error && <Alert className="gk-form-alert" type="error" showIcon role="alert" title={s.error} />}
      <Form form={form} layout="vertical" name="insertImage">
        <Form.Item label="图片文件" required extra="PNG、JPG、GIF 或 WebP，不超过 10 MB">
          <FilePickButton accept={IMAGE_ACCEPT} onPick={s.setFile}>
            {s.file ? '重新选择' : '选择图片'}
          </FilePickButton>
          {s.file && <Typography.Text className="gk-picked-file">{s.file.name}</Typography.Text>}
        </Form.Item>
        <Form.Item
          name="alt"
          label="替代文本"
          rules={[{ required: true, whitespace: true, message: '请填写替代文本，说明图片的内容' }]}
          extra="用一句话说明图片内容，供读屏软件朗读，如“市长调研某社区养老服务中心”"
        >
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Edits the alt text of the selected image. */
export function AltTextDialog({ initial, onCancel, onSave }: { initial: string; onCancel: () => void; onSave: (alt: string) => void }) {
  const [form] = Form.useForm<{ alt: string }>();
  return (
    <Modal
      open
      title="图片替代文本"
      okText="保存"
      cancelText="取消"
      onOk={() => void form.validateFields().then((v) => onSave(v.alt.trim()))}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="imageAlt" initialValues={{ alt: initial }}>
        <Form.Item name="alt" label="替代文本" rules={[{ required: true, whitespace: true, message: '请填写替代文本，说明图片的内容' }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 插入附件链接: uploads a file and links to it from the text. */
export function AttachmentLinkDialog({ siteId, onCancel, onInsert }: DialogProps<LinkInsert>) {
  const [form] = Form.useForm<{ text: string }>();
  const s = useUploadStep(siteId);

  const pick = (file: File) => {
    s.setFile(file);
    if (!form.getFieldValue('text')) form.setFieldValue('text', file.name);
  };

  const ok = async () => {
    const { text } = await form.validateFields();
    await s.uploadThen('请选择要上传的附件', (uploaded) => onInsert({ href: fileRef(uploaded.fileId), text: text.trim() }));
  };

  return (
    <Modal
      open
      title="插入附件链接"
      okText="上传并插入"
      cancelText="取消"
      onOk={() => void ok()}
      onCancel={onCancel}
      confirmLoading={s.busy}
      destroyOnHidden
    >
      {s.error && <Alert className="gk-form-alert" type="error" showIcon role="alert" title={s.error} />}
      <Form form={form} layout="vertical" name="insertAttachment">
        <Form.Item label="附件文件" required extra="PDF、Word、Excel、OFD 或图片，不超过 50 MB">
          <FilePickButton accept={ATTACHMENT_ACCEPT} onPick={pick}>
            {s.file ? '重新选择' : '选择文件'}
          </FilePickButton>
          {s.file && <Typography.Text className="gk-picked-file">{s.file.name}</Typography.Text>}
        </Form.Item>
        <Form.Item name="text" label="链接文字" rules={[{ required: true, whitespace: true, message: '请填写链接文字' }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 链接到稿件: a link to another article of the site, kept as gk:article:<id> so it survives URL changes. */
export function ArticleLinkDialog({
  siteId,
  excludeId,
  hasSelection,
  onCancel,
  onInsert,
}: DialogProps<LinkInsert> & { excludeId: string | null; hasSelection: boolean }) {
  const [form] = Form.useForm<{ articleId?: string; text?: string }>();
  const onPick = (_v: unknown, titles: string[]) => {
    if (!hasSelection && titles[0]) form.setFieldValue('text', titles[0]);
  };
  return (
    <Modal
      open
      title="链接到其他稿件"
      okText="插入链接"
      cancelText="取消"
      onOk={() =>
        void form.validateFields().then((v) => v.articleId && onInsert({ href: articleRef(v.articleId), text: (v.text ?? '').trim() }))
      }
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="insertArticleLink">
        <Form.Item name="articleId" label="稿件" rules={[{ required: true, message: '请选择要链接的稿件' }]} extra="按标题搜索本网站的稿件">
          <ArticleRefSelect siteId={siteId} excludeId={excludeId} onChange={onPick} />
        </Form.Item>
        {!hasSelection && (
          <Form.Item name="text" label="链接文字" rules={[{ required: true, whitespace: true, message: '请填写链接文字' }]}>
            <Input maxLength={300} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

const WEB_URL = /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i;

/** 插入网址链接 (http, https or mailto). */
export function UrlLinkDialog({
  hasSelection,
  initial,
  onCancel,
  onInsert,
}: Omit<DialogProps<LinkInsert>, 'siteId'> & { hasSelection: boolean; initial: string }) {
  const [form] = Form.useForm<{ href: string; text?: string }>();
  return (
    <Modal
      open
      title="插入网址链接"
      okText="确定"
      cancelText="取消"
      onOk={() => void form.validateFields().then((v) => onInsert({ href: v.href.trim(), text: (v.text ?? v.href).trim() }))}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="insertUrl" initialValues={{ href: initial }}>
        <Form.Item
          name="href"
          label="网址"
          rules={[
            { required: true, whitespace: true, message: '请填写网址' },
            { pattern: WEB_URL, message: '网址应以 http:// 或 https:// 开头' },
          ]}
        >
          <Input maxLength={1000} placeholder="https://" />
        </Form.Item>
        {!hasSelection && (
          <Form.Item name="text" label="链接文字">
            <Input maxLength={300} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
