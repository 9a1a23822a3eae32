import {
  BoldOutlined,
  DeleteColumnOutlined,
  DeleteRowOutlined,
  DisconnectOutlined,
  FileTextOutlined,
  GlobalOutlined,
  InsertRowBelowOutlined,
  InsertRowRightOutlined,
  ItalicOutlined,
  OrderedListOutlined,
  PaperClipOutlined,
  PictureOutlined,
  RedoOutlined,
  TableOutlined,
  UndoOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import type { Editor } from '@tiptap/core';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import { Button, Divider, Select, Spin } from 'antd';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { AltTextDialog, ArticleLinkDialog, AttachmentLinkDialog, ImageDialog, UrlLinkDialog, type LinkInsert } from './editorDialogs.tsx';
import { cleanPastedHtml } from './pasteCleanup.ts';
import { editorExtensions } from './tiptapExtensions.ts';

export interface RichTextEditorProps {
  /** Set by Form.Item; put on the wrapper so error scrolling finds the editor. */
  id?: string;
  value?: string;
  onChange?: (html: string) => void;
  siteId: string | null;
  /** The article being edited (it cannot link to itself). */
  articleId?: string | null;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

type Dialog = 'image' | 'alt' | 'attachment' | 'article' | 'url' | null;

const BLOCK_OPTIONS = [
  { value: 'p', label: '正文段落' },
  { value: '2', label: '二级标题' },
  { value: '3', label: '三级标题' },
  { value: '4', label: '四级标题' },
];

/** The editable area as assistive technology sees it: a labelled multi-line text box. */
function contentAttributes(invalid: boolean | undefined, describedBy: string | undefined): Record<string, string> {
  return {
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': '正文',
    class: 'gk-editor-content',
    ...(invalid ? { 'aria-invalid': 'true' } : {}),
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
  };
}

/** The HTML the form stores: '' for an empty document rather than "<p></p>". */
function htmlOf(editor: Editor): string {
  return editor.isEmpty ? '' : editor.getHTML();
}

interface ToolButtonProps {
  label: string;
  icon?: ReactNode;
  text?: string;
  active?: boolean;
  disabled?: boolean;
  onClick: () => void;
}

/** A toolbar button: icon buttons carry their Chinese name as aria-label and title; toggles say whether they are on. */
function ToolButton({ label, icon, text, active, disabled, onClick }: ToolButtonProps) {
  // The native title is the tooltip (an antd Tooltip as well would show the name twice).
  return (
    <Button
      type={active ? 'primary' : 'text'}
      size="small"
      icon={icon}
      aria-label={text ? undefined : label}
      title={label}
      aria-pressed={active === undefined ? undefined : active}
      disabled={disabled}
      // Keeps the editor's selection: the click must not move focus out before the command runs.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
    >
      {text}
    </Button>
  );
}

/**
 * The article body editor (Tiptap). A form control: `value` in, `onChange(html)` out, and a
 * new `value` from outside (reload, 导入公文) replaces the content. Internal references stay
 * as gk: URLs in the HTML; only the editor's display maps images to the download URL.
 */
export function RichTextEditor({
  id,
  value,
  onChange,
  siteId,
  articleId,
  'aria-invalid': invalid,
  'aria-describedby': describedBy,
}: RichTextEditorProps) {
  const lastHtml = useRef(value ?? '');
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);
  const extensions = useMemo(() => editorExtensions(), []);
  // Null while @tiptap/react swaps instances (it destroys one created but not yet mounted).
  const editor: Editor | null = useEditor({
    extensions,
    content: value ?? '',
    editorProps: { attributes: contentAttributes(invalid, describedBy), transformPastedHTML: cleanPastedHtml },
    onUpdate: ({ editor: e }) => {
      const html = htmlOf(e);
      if (html === lastHtml.current) return;
      lastHtml.current = html;
      onChangeRef.current?.(html);
    },
  });

  // Content set from outside (a reload, an imported document) replaces what the editor shows.
  useEffect(() => {
    const next = value ?? '';
    // useEditor may swap instances (it destroys the one it replaces): never command a destroyed one.
    if (!editor || editor.isDestroyed || next === lastHtml.current) return;
    lastHtml.current = next;
    editor.commands.setContent(next, { emitUpdate: false });
  }, [editor, value]);

  // The form marks the body invalid (and points at its error) after a failed save.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.setOptions({ editorProps: { ...editor.options.editorProps, attributes: contentAttributes(invalid, describedBy) } });
  }, [editor, invalid, describedBy]);

  if (!editor) {
    return (
      <div id={id} className="gk-editor">
        <Spin description="正在加载编辑器" />
      </div>
    );
  }
  return <EditorChrome id={id} editor={editor} siteId={siteId} articleId={articleId} />;
}

/** The toolbar, the editable area and the insert dialogs around one editor instance. */
function EditorChrome({
  id,
  editor,
  siteId,
  articleId,
}: {
  id: string | undefined;
  editor: Editor;
  siteId: string | null;
  articleId: string | null | undefined;
}) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      block: e.isActive('heading', { level: 2 })
        ? '2'
        : e.isActive('heading', { level: 3 })
          ? '3'
          : e.isActive('heading', { level: 4 })
            ? '4'
            : e.isActive('paragraph')
              ? 'p'
              : undefined,
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      quote: e.isActive('blockquote'),
      table: e.isActive('table'),
      link: e.isActive('link'),
      image: e.isActive('image'),
      selection: !e.state.selection.empty,
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });

  const chain = () => editor.chain().focus();
  const close = () => {
    setDialog(null);
    editor.commands.focus();
  };

  const insertLink = ({ href, text }: LinkInsert) => {
    setDialog(null);
    if (!editor.state.selection.empty) {
      chain().extendMarkRange('link').setLink({ href }).run();
    } else {
      // One insertion: the trailing space must not join the link (links extend while typing at their end).
      chain()
        .insertContent([
          { type: 'text', text: text || href, marks: [{ type: 'link', attrs: { href } }] },
          { type: 'text', text: ' ' },
        ])
        .unsetMark('link')
        .run();
    }
  };

  const setBlock = (v: string) => {
    if (v === 'p') chain().setParagraph().run();
    else
      chain()
        .setHeading({ level: Number(v) as 2 | 3 | 4 })
        .run();
  };

  return (
    <div id={id} className="gk-editor">
      <div className="gk-editor-toolbar" role="toolbar" aria-label="正文编辑工具">
        <Select
          size="small"
          aria-label="段落格式"
          className="gk-editor-block-select"
          // Inline: inside a vertical Form.Item antd stretches selects to the full width.
          style={{ width: 120 }}
          value={state.block}
          placeholder="段落格式"
          options={BLOCK_OPTIONS}
          onChange={setBlock}
        />
        <Divider orientation="vertical" />
        <ToolButton label="加粗" icon={<BoldOutlined />} active={state.bold} onClick={() => chain().toggleBold().run()} />
        <ToolButton label="斜体" icon={<ItalicOutlined />} active={state.italic} onClick={() => chain().toggleItalic().run()} />
        <ToolButton
          label="项目符号列表"
          icon={<UnorderedListOutlined />}
          active={state.bullet}
          onClick={() => chain().toggleBulletList().run()}
        />
        <ToolButton
          label="编号列表"
          icon={<OrderedListOutlined />}
          active={state.ordered}
          onClick={() => chain().toggleOrderedList().run()}
        />
        <ToolButton label="引用" text="引用" active={state.quote} onClick={() => chain().toggleBlockquote().run()} />
        <Divider orientation="vertical" />
        <ToolButton
          label="插入表格（3 行 3 列，含表头）"
          icon={<TableOutlined />}
          disabled={state.table}
          onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
        />
        <ToolButton
          label="在下方插入行"
          icon={<InsertRowBelowOutlined />}
          disabled={!state.table}
          onClick={() => chain().addRowAfter().run()}
        />
        <ToolButton label="删除当前行" icon={<DeleteRowOutlined />} disabled={!state.table} onClick={() => chain().deleteRow().run()} />
        <ToolButton
          label="在右侧插入列"
          icon={<InsertRowRightOutlined />}
          disabled={!state.table}
          onClick={() => chain().addColumnAfter().run()}
        />
        <ToolButton
          label="删除当前列"
          icon={<DeleteColumnOutlined />}
          disabled={!state.table}
          onClick={() => chain().deleteColumn().run()}
        />
        <ToolButton label="删除表格" text="删表" disabled={!state.table} onClick={() => chain().deleteTable().run()} />
        <Divider orientation="vertical" />
        <ToolButton label="插入图片" icon={<PictureOutlined />} disabled={!siteId} onClick={() => setDialog('image')} />
        {state.image && <ToolButton label="修改图片替代文本" text="替代文本" onClick={() => setDialog('alt')} />}
        <ToolButton label="插入附件链接" icon={<PaperClipOutlined />} disabled={!siteId} onClick={() => setDialog('attachment')} />
        <ToolButton label="链接到其他稿件" icon={<FileTextOutlined />} disabled={!siteId} onClick={() => setDialog('article')} />
        <ToolButton label="插入网址链接" icon={<GlobalOutlined />} onClick={() => setDialog('url')} />
        <ToolButton
          label="取消链接"
          icon={<DisconnectOutlined />}
          disabled={!state.link}
          onClick={() => chain().extendMarkRange('link').unsetLink().run()}
        />
        <Divider orientation="vertical" />
        <ToolButton label="撤销" icon={<UndoOutlined />} disabled={!state.canUndo} onClick={() => chain().undo().run()} />
        <ToolButton label="重做" icon={<RedoOutlined />} disabled={!state.canRedo} onClick={() => chain().redo().run()} />
      </div>
      <EditorContent editor={editor} className="gk-editor-body" />

      {dialog === 'image' && (
        <ImageDialog
          siteId={siteId}
          onCancel={close}
          onInsert={({ src, alt }) => {
            setDialog(null);
            chain().setImage({ src, alt }).run();
          }}
        />
      )}
      {dialog === 'alt' && (
        <AltTextDialog
          initial={String(editor.getAttributes('image').alt ?? '')}
          onCancel={close}
          onSave={(alt) => {
            setDialog(null);
            chain().updateAttributes('image', { alt }).run();
          }}
        />
      )}
      {dialog === 'attachment' && <AttachmentLinkDialog siteId={siteId} onCancel={close} onInsert={insertLink} />}
      {dialog === 'article' && (
        <ArticleLinkDialog
          siteId={siteId}
          excludeId={articleId ?? null}
          hasSelection={state.selection}
          onCancel={close}
          onInsert={insertLink}
        />
      )}
      {dialog === 'url' && (
        <UrlLinkDialog
          hasSelection={state.selection}
          initial={state.link ? String(editor.getAttributes('link').href ?? '') : ''}
          onCancel={close}
          onInsert={insertLink}
        />
      )}
    </div>
  );
}

/** Rich text shown read-only through the editor's schema (so only what the editor allows is rendered), selectable for copying. */
export function ReadOnlyRichText({ html, label }: { html: string; label: string }) {
  const extensions = useMemo(() => editorExtensions(), []);
  const editor = useEditor({
    extensions,
    content: html,
    editable: false,
    editorProps: { attributes: { role: 'document', 'aria-label': label, class: 'gk-editor-content gk-editor-readonly' } },
  });
  // The content is fixed at creation: callers key this component by what it shows.
  return <EditorContent editor={editor} />;
}
