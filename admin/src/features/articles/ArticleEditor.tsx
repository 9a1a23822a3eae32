import { ImportOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Space, Spin, Typography } from 'antd';
import { lazy, Suspense, useCallback, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ARTICLE_TYPE_CONFIG, ARTICLE_TYPES, type ArticleType } from '../../../../common/content.ts';
import { CheckDraftSchema, CreateArticleSchema, UpdateArticleSchema } from '../../../../common/schemas/content.ts';
import { isApiError } from '../../api/client.ts';
import {
  checkDraft,
  createArticle,
  submitArticle,
  updateArticle,
  type ArticleDetail,
  type CheckOutcome,
  type ParsedDocument,
  type SavedArticle,
} from '../../api/content.ts';
import { fetchColumns } from '../../api/sites.ts';
import { formatDateTime } from '../../lib/datetime.ts';
import {
  actionErrorText,
  applyFieldErrors,
  serverFieldsToFieldErrors,
  submitErrorDisplay,
  validateBody,
  type FieldErrors,
} from '../../lib/formErrors.ts';
import { useApiData } from '../../lib/useApiData.ts';
import { useLeaveConfirm } from '../../session/useLeaveConfirm.ts';
import { editRestartsReview } from './articleActions.ts';
import {
  articleContent,
  articleFieldNames,
  articleFormValues,
  checksFromError,
  columnsForType,
  documentPatch,
  isRequired,
  requiredProblems,
  type ArticleContent,
  type ArticleFormValues,
} from './articleForm.ts';
import { CheckResultsList } from './CheckResultsList.tsx';
import { columnPathLabels } from './contentSites.ts';
import { ImportDocumentModal } from './ImportDocumentModal.tsx';
import { MetadataFields } from './MetadataFields.tsx';

// Tiptap is the bulk of this screen: load it in parallel with the form rather than before it.
const RichTextEditor = lazy(() => import('./RichTextEditor.tsx').then((m) => ({ default: m.RichTextEditor })));

const TYPE_OPTIONS = ARTICLE_TYPES.map((t) => ({ value: t, label: ARTICLE_TYPE_CONFIG[t].label }));

export interface ShownChecks {
  outcome: CheckOutcome;
  caption: string;
}

/** What the user had typed when someone else saved first (kept beside the reloaded editor). */
export interface KeptDraft extends ArticleContent {
  at: string;
}

/** Passed through navigation when a new article was saved but its submission refused. */
export interface EditorLocationState {
  checks?: ShownChecks | null;
  alert?: string | null;
}

export interface ArticleEditorProps {
  /** The article being edited, or null for a new one. */
  article: ArticleDetail | null;
  /** Sites where the user may write (for a new article). */
  siteOptions: { value: string; label: string }[];
  /** Initial choices for a new article. */
  defaults?: Pick<ArticleFormValues, 'siteId' | 'type' | 'columnId'>;
  initial?: EditorLocationState | null;
  onConflict: (draft: KeptDraft) => void;
  onReload: () => void;
}

/**
 * The article form: type and column, title, 来源, 摘要, the type's metadata and the rich-text
 * body; 保存, 提交审核, 发布前检查 and 导入公文. Validated with the shared schemas; server errors
 * land on their fields. Edits after review began are confirmed first (they restart review).
 */
export function ArticleEditor({ article, siteOptions, defaults, initial, onConflict, onReload }: ArticleEditorProps) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ArticleFormValues>();
  const [initialValues] = useState<ArticleFormValues>(() =>
    article
      ? articleFormValues(article)
      : {
          siteId: defaults?.siteId ?? null,
          type: defaults?.type ?? 'news',
          columnId: defaults?.columnId ?? null,
          title: '',
          source: '',
          summary: '',
          bodyHtml: '',
          metadata: {},
        },
  );
  const watchedType = Form.useWatch('type', form) as ArticleType | undefined;
  const watchedSite = Form.useWatch('siteId', form) as string | null | undefined;
  const type = watchedType ?? initialValues.type;
  const siteId = article?.siteId ?? watchedSite ?? initialValues.siteId ?? null;

  const [dirty, setDirty] = useState(false);
  const [state, setState] = useState({
    version: article?.version ?? 0,
    status: article?.status ?? 'draft',
    revision: article?.current?.number ?? 0,
  });
  const [busy, setBusy] = useState<'save' | 'submit' | 'check' | null>(null);
  const [checks, setChecks] = useState<ShownChecks | null>(initial?.checks ?? null);
  const [alert, setAlert] = useState<string | null>(initial?.alert ?? null);
  const [conflict, setConflict] = useState(false);
  const [importing, setImporting] = useState(false);
  const checksRef = useRef<HTMLDivElement>(null);
  const leavingRef = useLeaveConfirm(dirty, '稿件的修改');

  const loadColumns = useCallback((signal: AbortSignal) => (siteId ? fetchColumns(siteId, signal) : Promise.resolve([])), [siteId]);
  const cols = useApiData(loadColumns);
  const columnOptions = useMemo(() => {
    const all = cols.data ?? [];
    const labels = columnPathLabels(all);
    return columnsForType(all, type, article?.columnId).map((c) => ({
      value: c.id,
      label: `${labels.get(c.id) ?? c.name}${c.status === 'closed' ? '（已关闭）' : ''}`,
    }));
  }, [cols.data, type, article?.columnId]);

  const shown = useMemo(() => articleFieldNames(type), [type]);

  const onValuesChange = (changed: Partial<ArticleFormValues>) => {
    setDirty(true);
    // A new site or type may leave the chosen column unable to take the article.
    if ('siteId' in changed) form.setFieldValue('columnId', null);
    if ('type' in changed) {
      const col = form.getFieldValue('columnId') as string | null;
      if (col && !columnsForType(cols.data ?? [], changed.type).some((c) => c.id === col)) form.setFieldValue('columnId', null);
    }
  };

  const confirm = (title: string, content: string, okText: string) =>
    new Promise<boolean>((resolve) => {
      modal.confirm({ title, content, okText, cancelText: '取消', onOk: () => resolve(true), onCancel: () => resolve(false) });
    });

  /** Missing choices the schemas would only report as "too short". */
  const choiceErrors = (values: ArticleFormValues): FieldErrors[] => {
    const out: FieldErrors[] = [];
    if (!article && !values.siteId) out.push({ name: ['siteId'], errors: ['请选择网站'] });
    if (!values.type) out.push({ name: ['type'], errors: ['请选择信息类型'] });
    if (!values.columnId) out.push({ name: ['columnId'], errors: ['请选择栏目'] });
    return out;
  };

  /** Saves the form (create or new revision); null when it did not save (errors are shown). */
  const save = async (): Promise<SavedArticle | null> => {
    setAlert(null);
    const values = form.getFieldsValue(true) as ArticleFormValues;
    const missing = choiceErrors(values);
    const t = values.type;
    if (missing.length > 0 || !t) {
      applyFieldErrors(form, missing, shown);
      return null;
    }
    const content = articleContent(t, values);
    let request: () => Promise<SavedArticle>;
    if (article) {
      const v = validateBody(
        UpdateArticleSchema,
        { expectedVersion: state.version, columnId: values.columnId ?? undefined, ...content },
        shown,
      );
      if (!v.ok) {
        applyFieldErrors(form, v.fields, shown);
        setAlert(v.other.join('；') || null);
        return null;
      }
      if (
        editRestartsReview(state.status) &&
        !(await confirm('保存修改？', '修改后稿件将退回初审，已有审核意见作废，确定保存？', '保存并退回初审'))
      ) {
        return null;
      }
      request = () => updateArticle(article.id, v.data);
    } else {
      const v = validateBody(CreateArticleSchema, { siteId: values.siteId, columnId: values.columnId, type: t, ...content }, shown);
      if (!v.ok) {
        applyFieldErrors(form, v.fields, shown);
        setAlert(v.other.join('；') || null);
        return null;
      }
      request = () => createArticle(v.data);
    }

    setBusy('save');
    try {
      const saved = await request();
      applyFieldErrors(form, [], shown);
      setDirty(false);
      setState({ version: saved.version, status: saved.status, revision: saved.revisionNumber });
      return saved;
    } catch (e) {
      if (isApiError(e) && e.status === 409 && e.details.reason === 'version') {
        setConflict(true);
        onConflict({ ...content, at: new Date().toISOString() });
        return null;
      }
      const display = submitErrorDisplay(e, shown);
      applyFieldErrors(form, display.fields, shown);
      setAlert(display.alert);
      return null;
    } finally {
      setBusy(null);
    }
  };

  const onSave = async () => {
    const before = state.status;
    const saved = await save();
    if (!saved) return;
    if (!article) {
      void message.success('稿件已保存为草稿');
      leavingRef.current = true;
      void navigate(`/articles/${encodeURIComponent(saved.id)}/edit`, { replace: true });
      return;
    }
    const restarted = editRestartsReview(before)
      ? '，稿件已退回初审'
      : saved.status === 'draft' && before !== 'draft'
        ? '，须重新提交审核'
        : '';
    void message.success(`已保存为第 ${saved.revisionNumber} 版${restarted}`);
  };

  const onSubmit = async () => {
    setAlert(null);
    const values = form.getFieldsValue(true) as ArticleFormValues;
    const t = values.type;
    if (!t) return void applyFieldErrors(form, choiceErrors(values), shown);
    const problems = requiredProblems(t, values);
    if (problems.length > 0) {
      applyFieldErrors(form, serverFieldsToFieldErrors(problems, shown).fields, shown);
      setAlert('提交审核前请填写标注 * 的必填项');
      return;
    }
    let id = article?.id ?? null;
    if (!article || dirty) {
      const saved = await save();
      if (!saved) return;
      id = saved.id;
    }
    if (!id) return;
    setBusy('submit');
    try {
      await submitArticle(id);
      void message.success('已提交审核');
      leavingRef.current = true;
      void navigate(`/articles/${encodeURIComponent(id)}`);
    } catch (e) {
      const outcome = checksFromError(e);
      const shownChecks = outcome ? { outcome, caption: `提交审核时的发布前检查（${formatDateTime(new Date())}）` } : null;
      const text = `未能提交审核：${actionErrorText(e)}`;
      if (!article) {
        // The new article was saved: continue on its edit page, with the reasons.
        leavingRef.current = true;
        void navigate(`/articles/${encodeURIComponent(id)}/edit`, {
          replace: true,
          state: { checks: shownChecks, alert: text } satisfies EditorLocationState,
        });
        return;
      }
      if (shownChecks) setChecks(shownChecks);
      setAlert(text);
    } finally {
      setBusy(null);
    }
  };

  const onCheck = async () => {
    setAlert(null);
    const values = form.getFieldsValue(true) as ArticleFormValues;
    const t = values.type;
    if (!siteId || !t) return void applyFieldErrors(form, choiceErrors(values), shown);
    const v = validateBody(CheckDraftSchema, { siteId, type: t, ...articleContent(t, values) }, shown);
    if (!v.ok) {
      applyFieldErrors(form, v.fields, shown);
      setAlert(v.other.join('；') || null);
      return;
    }
    setBusy('check');
    try {
      const outcome = await checkDraft(v.data);
      setChecks({ outcome, caption: `检查于 ${formatDateTime(new Date())}，针对编辑器中的当前内容（含未保存的修改）` });
      // Results appear below the form: bring them into view.
      window.setTimeout(() => checksRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 50);
    } catch (e) {
      setAlert(`检查失败：${actionErrorText(e)}`);
    } finally {
      setBusy(null);
    }
  };

  const applyDocument = (doc: ParsedDocument) => {
    const values = form.getFieldsValue(true) as ArticleFormValues;
    const apply = () => {
      const patch = documentPatch(values.type, doc);
      form.setFieldsValue({
        ...(patch.title ? { title: patch.title } : {}),
        ...(patch.bodyHtml ? { bodyHtml: patch.bodyHtml } : {}),
        metadata: { ...(values.metadata ?? {}), ...patch.metadata },
      });
      setDirty(true);
      setImporting(false);
      void message.success(
        patch.skipped.length > 0 ? `已填入识别结果；当前信息类型没有${patch.skipped.join('、')}，未填入` : '已填入识别结果，请逐项核对',
      );
    };
    if (values.title?.trim() || values.bodyHtml) {
      modal.confirm({
        title: '覆盖已填写的内容？',
        content: '导入将覆盖已填写的标题、正文以及文号、发布机构、成文日期，确定导入？',
        okText: '覆盖并导入',
        okButtonProps: { danger: true },
        cancelText: '取消',
        onOk: apply,
      });
    } else {
      apply();
    }
  };

  const status = state.status;
  const canSubmit =
    !article ||
    status === 'draft' ||
    status === 'rejected' ||
    status === 'withdrawn' ||
    (dirty && (status === 'published' || status === 'retracted'));

  return (
    <Form
      form={form}
      layout="vertical"
      name="article"
      initialValues={initialValues}
      onValuesChange={onValuesChange}
      className="gk-article-form"
    >
      {alert && <Alert className="gk-form-alert" type="error" showIcon role="alert" title={alert} />}
      {conflict && (
        <Alert
          className="gk-form-alert"
          type="error"
          showIcon
          role="alert"
          title="稿件已被他人修改"
          description="在您编辑期间，他人保存了新的版本，您的修改尚未保存。您填写的内容已保留在“您未保存的内容”中；请载入最新版本，再把需要的修改重新填入后保存。"
          action={
            <Button type="primary" onClick={onReload}>
              载入最新版本
            </Button>
          }
        />
      )}
      {article && (status === 'published' || article.live) && !editRestartsReview(status) && (
        <Alert
          className="gk-form-alert"
          type="info"
          showIcon
          title="该稿件已有版本在网站上发布"
          description="保存修改会生成新的草稿版本；须重新提交审核并发布后，网站上的内容才会更新。"
        />
      )}
      {article && editRestartsReview(status) && (
        <Alert
          className="gk-form-alert"
          type="warning"
          showIcon
          title="稿件正在审核流程中"
          description="保存修改后稿件将退回初审，已有审核意见作废。"
        />
      )}

      <Card className="gk-block" title={<h2 className="gk-card-heading">基本信息</h2>}>
        <Row gutter={16}>
          {!article && (
            <Col xs={24} md={8}>
              <Form.Item name="siteId" label="网站" required>
                <Select
                  options={siteOptions}
                  placeholder="请选择网站"
                  showSearch={{ optionFilterProp: 'label' }}
                  disabled={siteOptions.length === 1 && siteOptions[0]?.value === initialValues.siteId}
                />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={8}>
            <Form.Item name="type" label="信息类型" required extra={article ? '信息类型创建后不能修改' : undefined}>
              <Select options={TYPE_OPTIONS} disabled={!!article} />
            </Form.Item>
          </Col>
          <Col xs={24} md={article ? 16 : 8}>
            <Form.Item name="columnId" label="栏目" required extra="只列出接收该类信息的栏目">
              <Select
                options={columnOptions}
                loading={cols.loading && !!siteId}
                placeholder={siteId ? '请选择栏目' : '请先选择网站'}
                showSearch={{ optionFilterProp: 'label' }}
                notFoundContent={siteId ? '没有接收该类信息的栏目' : '请先选择网站'}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="title" label="标题" required>
          <Input maxLength={300} showCount />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="source" label="来源" required={isRequired(type, 'source')} extra="信息来源单位，如“市人民政府办公室”">
              <Input maxLength={200} aria-required={isRequired(type, 'source')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="summary" label="摘要" required={isRequired(type, 'summary')}>
          <Input.TextArea maxLength={1000} showCount autoSize={{ minRows: 2, maxRows: 6 }} aria-required={isRequired(type, 'summary')} />
        </Form.Item>
      </Card>

      <Card
        className="gk-block"
        title={<h2 className="gk-card-heading">正文</h2>}
        extra={
          <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
            导入公文
          </Button>
        }
      >
        <Suspense fallback={<Spin description="正在加载编辑器" />}>
          <Form.Item name="bodyHtml" className="gk-editor-item">
            <RichTextEditor siteId={siteId} articleId={article?.id ?? null} />
          </Form.Item>
        </Suspense>
        <Typography.Paragraph type="secondary" className="gk-field-hint">
          从 Word 粘贴时会去除 Word 的格式；图片须填写替代文本。链接到本站其他稿件请用“链接到其他稿件”，稿件地址变化时链接不会失效。
        </Typography.Paragraph>
      </Card>

      {type && (
        <Card className="gk-block" title={<h2 className="gk-card-heading">{`${ARTICLE_TYPE_CONFIG[type].label}信息`}</h2>}>
          <MetadataFields type={type} siteId={siteId} articleId={article?.id ?? null} />
        </Card>
      )}

      {checks && (
        <div ref={checksRef}>
          <Card className="gk-block" title={<h2 className="gk-card-heading">发布前检查结果</h2>}>
            <CheckResultsList results={checks.outcome.results} caption={checks.caption} />
          </Card>
        </div>
      )}

      <div className="gk-editor-actions">
        <Space wrap>
          <Button type="primary" onClick={() => void onSave()} loading={busy === 'save'} disabled={busy !== null && busy !== 'save'}>
            保存
          </Button>
          {canSubmit && (
            <Button onClick={() => void onSubmit()} loading={busy === 'submit'} disabled={busy !== null && busy !== 'submit'}>
              {dirty || !article ? '保存并提交审核' : '提交审核'}
            </Button>
          )}
          <Button onClick={() => void onCheck()} loading={busy === 'check'} disabled={busy !== null && busy !== 'check'}>
            发布前检查
          </Button>
          {article && <Link to={`/articles/${encodeURIComponent(article.id)}`}>查看稿件</Link>}
          <Link to="/articles">返回信息管理</Link>
          <Typography.Text type="secondary">
            {dirty ? '有未保存的修改' : state.revision ? `已保存，当前为第 ${state.revision} 版` : ''}
          </Typography.Text>
        </Space>
      </div>

      {importing && <ImportDocumentModal onCancel={() => setImporting(false)} onApply={applyDocument} />}
    </Form>
  );
}
