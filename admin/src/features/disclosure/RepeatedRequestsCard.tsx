import { Card, List, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router';
import { fetchRepeatedRequests } from '../../api/disclosure-handling.ts';
import { LoadErrorAlert } from '../../components/LoadErrorAlert.tsx';
import { useApiData } from '../../lib/useApiData.ts';
import { outcomeText } from './requestLabels.ts';

/**
 * 建议主动公开: the org's requests of the last 12 months for similar information by two or more
 * different applicants (条例 第四十四条), which the office may decide to publish proactively.
 */
export function RepeatedRequestsCard({ orgId }: { orgId: string }) {
  const load = useCallback((signal: AbortSignal) => fetchRepeatedRequests(orgId, signal), [orgId]);
  const result = useApiData(load);
  const groups = result.data?.groups ?? [];
  return (
    <Card title="建议主动公开" size="small" style={{ marginTop: 16 }}>
      {result.error ? <LoadErrorAlert error={result.error} what="相同信息的申请" onRetry={result.reload} /> : null}
      <Typography.Paragraph type="secondary">
        多个申请人就相同政府信息提出公开申请，且该信息属于可以公开的，可以纳入主动公开的范围（条例第四十四条）。
        {result.data ? `统计自 ${result.data.since} 起收到的申请，描述相似度不低于 ${result.data.threshold}。` : ''}
      </Typography.Paragraph>
      <List
        loading={result.loading}
        dataSource={groups}
        locale={{ emptyText: '暂无多个申请人申请相同信息的情况' }}
        renderItem={(g, i) => (
          <List.Item key={i}>
            <div style={{ width: '100%' }}>
              <div>
                <Tag color="blue">{g.applicants} 位申请人</Tag>
                <Tag>{g.requests.length} 件申请</Tag>
                <Typography.Text type="secondary">共同词语：{g.commonWords.slice(0, 12).join('、') || '—'}</Typography.Text>
              </div>
              <ul style={{ margin: '8px 0 0', paddingLeft: 20 }}>
                {g.requests.map((r) => (
                  <li key={r.id}>
                    <Link to={`/disclosure/requests/${encodeURIComponent(r.id)}`}>{r.trackingNo}</Link> {r.receivedOn} {r.description}
                    {r.outcome ? `（${outcomeText(r.outcome)}）` : ''}
                  </li>
                ))}
              </ul>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
