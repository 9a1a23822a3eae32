import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Typography } from 'antd';
import { useCallback, useId, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { DEFAULT_LADDER } from '../../../common/schemas/interaction.ts';
import { fetchLetter, letterAttachmentUrl, type LetterDetail } from '../api/interaction.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { sitesWith } from '../features/articles/contentSites.ts';
import { DueLevelText } from '../features/interaction/DueLevelText.tsx';
import { LetterActionsPanel } from '../features/interaction/LetterActionsPanel.tsx';
import { LetterHistory } from '../features/interaction/LetterHistory.tsx';
import { LetterReplyCard } from '../features/interaction/LetterReplyCard.tsx';
import { LetterStateTag } from '../features/interaction/LetterStateTag.tsx';
import { actionsForUser, templateSite } from '../features/interaction/letterActions.ts';
import {
  channelKindLabel,
  fileSizeText,
  handlingText,
  isOpen,
  ratingText,
  similarityText,
  stateLabel,
  vetoRiskText,
} from '../features/interaction/letterLabels.ts';
import '../features/interaction/interaction.css';
import { hasAnyPermission } from '../navigation.ts';
import { useApiData } from '../lib/useApiData.ts';
import { useCurrentSite } from '../session/useCurrentSite.ts';
import { useCurrentUser } from '../session/useSession.ts';

/**
 * One letter: what was written (the writer masked unless revealed, which is audited), its
 * deadline and veto-line risk, near-duplicate letters, the reply, the steps it allows now and
 * its record. Each step answers with the letter as it is afterwards, which is shown at once.
 */
export default function LetterViewScene() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const { siteId: headerSite } = useCurrentSite();
  // Each 显示完整信息 asks again (a step's answer is masked); a reveal never carries over to another letter.
  const [revealed, setRevealed] = useState<{ id: string; n: number } | null>(null);
  const reveal = revealed?.id === id ? revealed.n : 0;
  const load = useCallback((signal: AbortSignal) => fetchLetter(id, reveal > 0, signal), [id, reveal]);
  const loaded = useApiData(load);
  // The letter a step returned, shown until the next load.
  const [updated, setUpdated] = useState<{ base: LetterDetail | undefined; letter: LetterDetail } | null>(null);
  const letter = updated && updated.base === loaded.data ? updated.letter : loaded.data;
  const onChanged = useCallback((next: LetterDetail) => setUpdated({ base: loaded.data, letter: next }), [loaded.data]);
  const hintId = useId();
  // The server shows the full writer only to the screening and handling offices (letter handlers).
  const mayReveal = hasAnyPermission(user.permissions, ['interaction.handle']);

  const handled = useMemo(() => {
    const s = sitesWith(user.grants, ['interaction.handle']);
    return { all: s.all, siteIds: s.sites.map((x) => x.id) };
  }, [user.grants]);

  if (loaded.error && !letter) return <LoadErrorAlert error={loaded.error} what="信件" onRetry={loaded.reload} />;
  if (!letter) return null;
  const actions = actionsForUser(letter.actions, user.permissions);
  const channel =
    letter.channelName === channelKindLabel(letter.channelKind)
      ? letter.channelName
      : `${letter.channelName}（${channelKindLabel(letter.channelKind)}）`;
  return (
    <>
      <PageTitle title={`信件 ${letter.trackingNo}`} extra={<Link to="/letters">返回信件列表</Link>} />
      {loaded.error ? <LoadErrorAlert error={loaded.error} what="信件" onRetry={loaded.reload} /> : null}
      {letter.vetoRisk && isOpen(letter.state) ? (
        <Alert
          className="gk-block"
          type="error"
          showIcon
          title="否决风险"
          description={vetoRiskText(letter.daysOpen, DEFAULT_LADDER.vetoDays)}
        />
      ) : null}
      <Card title="来信" size="small">
        <Descriptions
          size="small"
          column={2}
          items={[
            { key: 'state', label: '状态', children: <LetterStateTag state={letter.state} /> },
            { key: 'received', label: '收信日期', children: letter.receivedOn },
            { key: 'channel', label: '渠道', children: channel },
            { key: 'category', label: '分类', children: letter.category },
            { key: 'title', label: '标题', span: 2, children: letter.title },
            { key: 'content', label: '内容', span: 2, children: <p className="gk-letter-text">{letter.content}</p> },
            {
              key: 'files',
              label: '附件',
              span: 2,
              children: letter.attachments.length ? (
                <ul className="gk-letter-list">
                  {letter.attachments.map((f) => (
                    <li key={f.id}>
                      <PaperClipOutlined aria-hidden />{' '}
                      <a href={letterAttachmentUrl(letter.id, f.id)} download={f.name}>
                        {f.name}
                      </a>{' '}
                      （{fileSizeText(f.size)}）
                    </li>
                  ))}
                </ul>
              ) : (
                '无'
              ),
            },
            { key: 'consent', label: '同意公开', children: letter.consentPublish ? '同意' : '不同意' },
            { key: 'published', label: '已公开', children: letter.published ? '是' : '否' },
            ...(letter.duplicateOf
              ? [
                  {
                    key: 'duplicateOf',
                    label: '已合并到',
                    span: 2,
                    children: <Link to={`/letters/${encodeURIComponent(letter.duplicateOf)}`}>查看合并到的信件</Link>,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card title="来信人" size="small" style={{ marginTop: 16 }}>
        <Descriptions
          size="small"
          column={3}
          items={[
            { key: 'name', label: '姓名', children: letter.writer.name },
            { key: 'phone', label: '联系电话', children: letter.writer.phone },
            { key: 'email', label: '电子邮箱', children: letter.writer.email ?? '—' },
          ]}
        />
        {letter.writer.revealed ? (
          <Typography.Text type="secondary">完整个人信息的查看已记入审计日志。</Typography.Text>
        ) : !mayReveal ? (
          <Typography.Text type="secondary">完整个人信息仅受理或办理单位可查看。</Typography.Text>
        ) : (
          <>
            <Button
              size="small"
              aria-describedby={hintId}
              loading={loaded.loading && reveal > 0}
              onClick={() => setRevealed({ id, n: reveal + 1 })}
            >
              显示完整信息
            </Button>{' '}
            <Typography.Text type="secondary" id={hintId}>
              查看将记入审计日志。
            </Typography.Text>
          </>
        )}
      </Card>
      <Card title="办理期限" size="small" style={{ marginTop: 16 }}>
        <Descriptions
          size="small"
          column={2}
          items={[
            { key: 'org', label: '办理单位', children: handlingText(letter) },
            { key: 'due', label: '答复期限', children: <DueLevelText letter={letter} /> },
            { key: 'open', label: '收信天数', children: letter.daysOpen === null ? '—' : `${letter.daysOpen} 天` },
            { key: 'replied', label: '答复日期', children: letter.repliedOn ?? '—' },
            { key: 'closed', label: '办结日期', children: letter.closedOn ?? '—' },
          ]}
        />
      </Card>
      {letter.similar.length ? (
        <Card title="相似信件" size="small" style={{ marginTop: 16 }}>
          <Typography.Paragraph type="secondary">本网站 30 天内内容相近的来信，可能为重复来信，可合并办理。</Typography.Paragraph>
          <ul className="gk-letter-list">
            {letter.similar.map((s) => (
              <li key={s.id}>
                <Link to={`/letters/${encodeURIComponent(s.id)}`}>{s.trackingNo}</Link> {s.title}（相似度 {similarityText(s.similarity)}，
                {stateLabel(s.state)}）
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <LetterReplyCard
        key={`reply:${letter.id}`}
        letter={letter}
        actions={actions}
        templateSiteId={templateSite(headerSite, letter.siteId, handled)}
        onChanged={onChanged}
      />
      {letter.rating ? (
        <Card title="来信人评价" size="small" style={{ marginTop: 16 }}>
          <p>{ratingText(letter.rating)}</p>
          {letter.ratingComment ? <p className="gk-letter-text">{letter.ratingComment}</p> : null}
        </Card>
      ) : null}
      <LetterActionsPanel key={`actions:${letter.id}`} letter={letter} actions={actions} onChanged={onChanged} />
      <Card title="办理记录" size="small" style={{ marginTop: 16 }}>
        <LetterHistory events={letter.events} />
      </Card>
    </>
  );
}
