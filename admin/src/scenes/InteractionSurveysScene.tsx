import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Drawer, Empty, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { PublishSurveyResultSchema, SaveSurveySchema, SURVEY_STATE_LABELS } from '../../../common/schemas/interaction.ts';
import {
  createSurvey,
  endSurvey,
  fetchSurveyOpinions,
  fetchSurveys,
  openSurvey,
  publishSurveyResult,
  updateSurvey,
  type SurveyOpinion,
  type SurveyState,
  type SurveyView,
} from '../api/surveys.ts';
import { FormErrorAlert } from '../components/FormErrorAlert.tsx';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { ScrollRegion } from '../components/ScrollRegion.tsx';
import { SiteChoice } from '../components/SiteChoice.tsx';
import { TableEmpty } from '../components/TableEmpty.tsx';
import { TAG_COLORS } from '../features/articles/articleLabels.ts';
import { useInteractionSites } from '../features/interaction/useInteractionSites.ts';
import { differs } from '../lib/changes.ts';
import { formatDateTime } from '../lib/datetime.ts';
import { actionErrorText } from '../lib/formErrors.ts';
import { useApiData } from '../lib/useApiData.ts';
import { FormModal } from '../components/FormModal.tsx';
import { useSubmitForm } from '../lib/useSubmitForm.ts';

const STATE_COLORS: Record<SurveyState, string | undefined> = {
  draft: undefined,
  upcoming: 'blue',
  open: TAG_COLORS.green,
  ended: undefined,
  resultPublished: 'blue',
};
const SURVEY_FIELDS = ['title', 'description', 'startsOn', 'endsOn'] as const;
const RESULT_FIELDS = ['result'] as const;
const OPINION_PAGE_SIZE = 20;
/** Opinions keep their line breaks and never widen the table. */
const OPINION_TEXT = { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;

interface SurveyValues {
  title?: string;
  description?: string;
  startsOn?: Dayjs | null;
  endsOn?: Dayjs | null;
}

/** What the office may do with a survey now (the server checks again): mirrors the rules of server/interaction/rules/surveys.ts. */
function actionsOf(s: SurveyView) {
  return {
    edit: s.state !== 'resultPublished' && (s.state === 'draft' || s.opinions === 0),
    open: s.state === 'draft',
    end: s.state === 'upcoming' || s.state === 'open',
    result: s.state === 'ended' || s.state === 'resultPublished',
  };
}

/** The period as people read it; a survey ended before its first day says so. */
const periodText = (s: SurveyView) => (s.endsOn < s.startsOn ? `${s.startsOn}（已提前结束）` : `${s.startsOn} 至 ${s.endsOn}`);

/**
 * 征集调查: the site's surveys (drafts included) with their state and opinion count; drafting
 * and editing (until the first opinion), publishing, ending early, the result feedback, and the
 * opinions with the writers' names and phones masked.
 */
export default function InteractionSurveysScene() {
  const sites = useInteractionSites(['interaction.handle']);
  const { siteId } = sites;
  return (
    <>
      <PageTitle title="征集调查" />
      <Typography.Paragraph type="secondary">
        发布后在网站“互动交流—征集调查”栏目公开，开始日期至结束日期（含）期间公众可提交意见。收到意见后不能再修改征集内容；征集结束后请及时反馈意见采纳情况。
      </Typography.Paragraph>
      {sites.options.length === 0 ? (
        !sites.loading && (
          <Card>
            <Empty description="您没有可办理征集调查的网站" />
          </Card>
        )
      ) : (
        <>
          <div className="gk-filters">
            <SiteChoice value={siteId} options={sites.options} onChange={sites.setChosen} placeholder="请选择网站" />
          </div>
          {siteId ? (
            <SurveysCard key={siteId} siteId={siteId} />
          ) : (
            <Card>
              <Empty description="请先选择网站" />
            </Card>
          )}
        </>
      )}
    </>
  );
}

function SurveysCard({ siteId }: { siteId: string }) {
  const { message } = App.useApp();
  const load = useCallback((signal: AbortSignal) => fetchSurveys(siteId, signal), [siteId]);
  const surveys = useApiData(load);
  // null: closed; { survey: undefined }: a new one.
  const [editing, setEditing] = useState<{ survey?: SurveyView } | null>(null);
  const [resulting, setResulting] = useState<SurveyView | null>(null);
  const [reading, setReading] = useState<SurveyView | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (s: SurveyView, action: (id: string) => Promise<SurveyView>, done: string) => {
    setBusy(s.id);
    try {
      await action(s.id);
      void message.success(done);
    } catch (e) {
      void message.error(actionErrorText(e));
    } finally {
      setBusy(null);
      surveys.reload();
    }
  };

  const columns: TableColumnsType<SurveyView> = [
    { title: '标题', dataIndex: 'title', key: 'title', ellipsis: true },
    { title: '征集时间', key: 'period', width: 230, render: (_, s) => periodText(s) },
    {
      title: '状态',
      key: 'state',
      width: 110,
      render: (_, s) => <Tag color={STATE_COLORS[s.state]}>{SURVEY_STATE_LABELS[s.state]}</Tag>,
    },
    {
      title: '意见',
      key: 'opinions',
      width: 110,
      render: (_, s) =>
        s.opinions > 0 ? (
          <Button type="link" size="small" onClick={() => setReading(s)}>
            {s.opinions} 条<span className="gk-visually-hidden">：查看“{s.title}”的意见</span>
          </Button>
        ) : (
          '0 条'
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 280,
      render: (_, s) => {
        const can = actionsOf(s);
        const hidden = <span className="gk-visually-hidden">{s.title}</span>;
        return (
          <Space className="gk-table-actions" wrap>
            {can.edit ? (
              <Button type="link" size="small" onClick={() => setEditing({ survey: s })}>
                编辑{hidden}
              </Button>
            ) : null}
            {can.open ? (
              <Popconfirm
                title={`发布“${s.title}”？`}
                description="发布后在网站公开，开始日期起公众可提交意见。"
                okText="发布"
                cancelText="取消"
                onConfirm={() => run(s, openSurvey, '征集已发布')}
              >
                <Button type="link" size="small" loading={busy === s.id}>
                  发布{hidden}
                </Button>
              </Popconfirm>
            ) : null}
            {can.end ? (
              <Popconfirm
                title={`提前结束“${s.title}”？`}
                description="结束日期将改为昨天，此后不再接受意见。此操作不能撤销。"
                okText="结束征集"
                okButtonProps={{ danger: true }}
                cancelText="取消"
                onConfirm={() => run(s, endSurvey, '征集已结束')}
              >
                <Button type="link" size="small" danger loading={busy === s.id}>
                  提前结束{hidden}
                </Button>
              </Popconfirm>
            ) : null}
            {can.result ? (
              <Button type="link" size="small" onClick={() => setResulting(s)}>
                {s.state === 'resultPublished' ? '修改结果反馈' : '反馈结果'}
                {hidden}
              </Button>
            ) : null}
          </Space>
        );
      },
    },
  ];

  return (
    <Card
      title="征集列表"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
          新建征集
        </Button>
      }
    >
      {surveys.error ? <LoadErrorAlert error={surveys.error} what="征集列表" onRetry={surveys.reload} /> : null}
      <ScrollRegion label="征集调查列表">
        <Table<SurveyView>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={surveys.data ?? []}
          loading={surveys.loading}
          pagination={(surveys.data?.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <TableEmpty loading={surveys.loading} text="暂无征集调查" /> }}
        />
      </ScrollRegion>
      <SurveyModal
        siteId={siteId}
        target={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          surveys.reload();
        }}
      />
      <ResultModal
        survey={resulting}
        onClose={() => setResulting(null)}
        onSaved={() => {
          setResulting(null);
          surveys.reload();
        }}
      />
      <Drawer
        open={reading !== null}
        title={`收到的意见：${reading?.title ?? ''}`}
        size={840}
        onClose={() => setReading(null)}
        destroyOnHidden
      >
        {reading ? <OpinionsPanel survey={reading} /> : null}
      </Drawer>
    </Card>
  );
}

interface SurveyModalProps {
  siteId: string;
  target: { survey?: SurveyView } | null;
  onClose: () => void;
  onSaved: () => void;
}

/** The survey form in a dialog (FormModal: mounted only while open; closing with changes asks first). */
function SurveyModal({ siteId, target, onClose, onSaved }: SurveyModalProps) {
  return (
    <FormModal
      open={target !== null}
      title={target?.survey ? `编辑征集：${target.survey.title}` : '新建征集'}
      width={760}
      onClose={onClose}
    >
      {({ onDirtyChange, onCancel, onDone }) => (
        <SurveyForm
          siteId={siteId}
          {...(target?.survey ? { survey: target.survey } : {})}
          onDirtyChange={onDirtyChange}
          onCancel={onCancel}
          onSaved={() => {
            onDone();
            onSaved();
          }}
        />
      )}
    </FormModal>
  );
}

interface SurveyFormProps {
  siteId: string;
  survey?: SurveyView;
  onDirtyChange: (dirty: boolean) => void;
  onCancel: () => void;
  onSaved: () => void;
}

const surveyBody = (v: SurveyValues) => ({
  title: v.title ?? '',
  description: v.description ?? '',
  startsOn: v.startsOn ? v.startsOn.format('YYYY-MM-DD') : '',
  endsOn: v.endsOn ? v.endsOn.format('YYYY-MM-DD') : '',
});

function SurveyForm({ siteId, survey, onDirtyChange, onCancel, onSaved }: SurveyFormProps) {
  const [form] = Form.useForm<SurveyValues>();
  const submitForm = useSubmitForm({ form, fields: SURVEY_FIELDS, onDirtyChange });
  const [initialValues] = useState<SurveyValues>(() =>
    survey ? { title: survey.title, description: survey.description, startsOn: dayjs(survey.startsOn), endsOn: dayjs(survey.endsOn) } : {},
  );
  const save = (values: SurveyValues) =>
    submitForm.submit({
      schema: SaveSurveySchema,
      body: surveyBody(values),
      send: (data) =>
        survey ? (differs(surveyBody(initialValues), data) ? updateSurvey(survey.id, data) : null) : createSurvey(siteId, data),
      success: (saved) => `征集“${saved.title}”已保存`,
      onSaved,
    });
  return (
    <Form<SurveyValues>
      form={form}
      name={survey ? 'survey-edit' : 'survey-create'}
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={submitForm.markDirty}
      onFinish={(v) => void save(v)}
    >
      <Form.Item label="标题" name="title" required>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item label="征集说明" name="description" required extra="说明征集的背景、内容和意见提交要求；可附征求意见稿全文。仅限纯文本。">
        <Input.TextArea rows={10} maxLength={20_000} showCount />
      </Form.Item>
      <Space size="large" wrap>
        <Form.Item label="开始日期" name="startsOn" required>
          <DatePicker format="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item label="结束日期" name="endsOn" required extra="结束日期当天仍可提交意见。">
          <DatePicker format="YYYY-MM-DD" />
        </Form.Item>
      </Space>
      <FormErrorAlert text={submitForm.alert} />
      <Space>
        <Button type="primary" htmlType="submit" loading={submitForm.saving}>
          保存
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </Form>
  );
}

interface ResultModalProps {
  survey: SurveyView | null;
  onClose: () => void;
  onSaved: () => void;
}

/** The result feedback in a dialog: what was received and what was taken up, published on the survey's page. */
function ResultModal({ survey, onClose, onSaved }: ResultModalProps) {
  return (
    <FormModal open={survey !== null} title={`结果反馈：${survey?.title ?? ''}`} width={760} onClose={onClose}>
      {({ onDirtyChange, onCancel, onDone }) =>
        survey ? (
          <ResultForm
            survey={survey}
            onDirtyChange={onDirtyChange}
            onCancel={onCancel}
            onSaved={() => {
              onDone();
              onSaved();
            }}
          />
        ) : null
      }
    </FormModal>
  );
}

function ResultForm({
  survey,
  onDirtyChange,
  onCancel,
  onSaved,
}: {
  survey: SurveyView;
  onDirtyChange: (dirty: boolean) => void;
  onCancel: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<{ result?: string }>();
  const submitForm = useSubmitForm({ form, fields: RESULT_FIELDS, onDirtyChange });
  const save = (values: { result?: string }) =>
    submitForm.submit({
      schema: PublishSurveyResultSchema,
      body: { result: values.result ?? '' },
      send: (data) => (data.result === survey.result ? null : publishSurveyResult(survey.id, data)),
      success: '结果反馈已发布',
      onSaved,
    });
  return (
    <Form<{ result?: string }>
      form={form}
      name="survey-result"
      layout="vertical"
      initialValues={{ result: survey.result ?? '' }}
      onValuesChange={submitForm.markDirty}
      onFinish={(v) => void save(v)}
    >
      <Typography.Paragraph type="secondary">
        共收到意见 {survey.opinions} 条。请说明意见采纳情况及理由，发布后在征集页面公开；请勿写入提出意见者的个人信息。
      </Typography.Paragraph>
      <Form.Item label="结果反馈" name="result" required>
        <Input.TextArea rows={10} maxLength={20_000} showCount />
      </Form.Item>
      <FormErrorAlert text={submitForm.alert} />
      <Space>
        <Button type="primary" htmlType="submit" loading={submitForm.saving}>
          发布
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </Form>
  );
}

/** The survey's opinions, a page at a time from the server, oldest first; names and phones masked. */
function OpinionsPanel({ survey }: { survey: SurveyView }) {
  const [page, setPage] = useState(1);
  const load = useCallback(
    (signal: AbortSignal) => fetchSurveyOpinions(survey.id, { limit: OPINION_PAGE_SIZE, offset: (page - 1) * OPINION_PAGE_SIZE }, signal),
    [survey.id, page],
  );
  const opinions = useApiData(load);
  const columns: TableColumnsType<SurveyOpinion> = [
    { title: '提交时间', key: 'submittedAt', width: 150, render: (_, o) => formatDateTime(o.submittedAt) },
    {
      title: '意见内容',
      key: 'content',
      render: (_, o) => <p style={OPINION_TEXT}>{o.content}</p>,
    },
    { title: '姓名', key: 'name', width: 90, render: (_, o) => o.name ?? '—' },
    { title: '联系电话', key: 'phone', width: 130, render: (_, o) => o.phone ?? '—' },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">提出意见者的姓名和联系电话已脱敏显示。</Typography.Paragraph>
      {opinions.error ? <LoadErrorAlert error={opinions.error} what="意见" onRetry={opinions.reload} /> : null}
      <ScrollRegion label="意见列表">
        <Table<SurveyOpinion>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={opinions.data?.items ?? []}
          loading={opinions.loading}
          scroll={{ x: 720 }}
          pagination={{
            current: page,
            pageSize: OPINION_PAGE_SIZE,
            total: opinions.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => `共 ${total} 条`,
            onChange: setPage,
            hideOnSinglePage: true,
          }}
          locale={{ emptyText: <TableEmpty loading={opinions.loading} text="暂无意见" /> }}
        />
      </ScrollRegion>
    </>
  );
}
