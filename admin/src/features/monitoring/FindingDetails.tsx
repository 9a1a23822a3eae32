import { Descriptions, Empty, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { FindingDetail } from '../../api/monitoring.ts';
import { formatDateTime } from '../../lib/datetime.ts';
import { siteHealthPath } from '../../paths.ts';
import { ExternalLink, FindingStateTag, SeverityTag } from './FindingTags.tsx';
import { elementLabel, historyEntries, kindLabel, paramText, RUN_OUTCOME_LABELS, sourceLabel } from './monitoringLabels.ts';

/**
 * One finding: where (site, address, page it was found on, column or element), what (status,
 * last update and days, the description, the rule with its parameters, a piece of the page),
 * when (first and last seen, resolved, the run that last saw it), and its history.
 */
export function FindingDetails({ finding: f, headingLevel = 2 }: { finding: FindingDetail; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as 'h2' | 'h3';
  const element = elementLabel(f.kind, f.element);
  const params = Object.entries(f.params ?? {});
  const items: { key: string; label: string; children: ReactNode }[] = [
    { key: 'kind', label: '问题类型', children: kindLabel(f.kind) },
    { key: 'severity', label: '严重程度', children: <SeverityTag severity={f.severity} /> },
    {
      key: 'state',
      label: '状态',
      children: (
        <>
          <FindingStateTag state={f.state} />
          {f.resolvedAt ? `于 ${formatDateTime(f.resolvedAt)} 消除` : null}
        </>
      ),
    },
    { key: 'site', label: '网站', children: <Link to={siteHealthPath(f.siteId)}>{f.siteName || f.siteId}</Link> },
    { key: 'url', label: '网址', children: <ExternalLink href={f.url} /> },
    ...(f.parent ? [{ key: 'parent', label: '所在页面', children: <ExternalLink href={f.parent} /> }] : []),
    ...(f.column ? [{ key: 'column', label: '栏目', children: f.column }] : []),
    ...(element ? [{ key: 'element', label: '要素', children: element }] : []),
    ...(f.status !== null ? [{ key: 'status', label: 'HTTP 状态', children: String(f.status) }] : []),
    ...(f.lastUpdated ? [{ key: 'lastUpdated', label: '最近更新', children: f.lastUpdated }] : []),
    ...(f.days !== null ? [{ key: 'days', label: '未更新天数', children: `${f.days} 天` }] : []),
    { key: 'detail', label: '问题描述', children: f.detail },
    { key: 'rule', label: '判定规则', children: <code className="gk-code-input">{f.rule}</code> },
    ...(params.length
      ? [
          {
            key: 'params',
            label: '规则参数',
            children: (
              <ul className="gk-monitoring-params">
                {params.map(([k, v]) => (
                  <li key={k}>
                    <code className="gk-code-input">{k}</code>：{paramText(v)}
                  </li>
                ))}
              </ul>
            ),
          },
        ]
      : []),
    ...(f.snippet
      ? [
          {
            key: 'snippet',
            label: '页面片段',
            children: (
              // A keyboard-reachable scroll box: long markup scrolls inside it.
              <pre className="gk-monitoring-snippet" tabIndex={0} aria-label="页面片段">
                {f.snippet}
              </pre>
            ),
          },
        ]
      : []),
    { key: 'source', label: '监测来源', children: sourceLabel(f.source) },
    { key: 'firstSeen', label: '首次发现', children: formatDateTime(f.firstSeenAt) },
    { key: 'lastSeen', label: '最近发现', children: formatDateTime(f.lastSeenAt) },
    ...(f.lastRun
      ? [
          {
            key: 'lastRun',
            label: '最近一次监测',
            children: `${f.lastRun.asOf} ${sourceLabel(f.lastRun.source)}（${RUN_OUTCOME_LABELS[f.lastRun.outcome]}，${formatDateTime(f.lastRun.finishedAt)}）`,
          },
        ]
      : []),
  ];
  const history = historyEntries(f);
  return (
    <>
      <Heading className="gk-section-heading">证据</Heading>
      <Descriptions className="gk-block gk-monitoring-evidence" column={1} size="small" bordered items={items} />
      <Heading className="gk-section-heading">问题历史</Heading>
      {history.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />
      ) : (
        <Timeline
          items={history.map((h) => ({
            key: h.key,
            ...(h.seen ? { color: 'gray' } : {}),
            content: (
              <div>
                <Typography.Text type="secondary">{formatDateTime(h.at)}</Typography.Text>
                <div>{h.text}</div>
              </div>
            ),
          }))}
        />
      )}
    </>
  );
}
