import { Button, Descriptions, Drawer, Select, Space, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import {
  INDICATOR_KIND_LABELS,
  PROBLEM_CATEGORY_LABELS,
  SYSTEM_SOURCE_LABELS,
  type IndicatorItem,
  type IndicatorSystem,
} from '../../../../common/schemas/evaluation.ts';
import { fetchSystem, type SystemDetail } from '../../api/evaluation.ts';
import { LoadErrorAlert } from '../../components/LoadErrorAlert.tsx';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { formatDateTime } from '../../lib/datetime.ts';
import { useApiData } from '../../lib/useApiData.ts';

/** How an item is scored, in words: points per finding (home page apart), or by hand. */
export function scoringText(item: IndicatorItem): string {
  const parts = (item.drivers ?? []).map((d) => {
    if (item.kind === 'veto') return '监测发现即否决';
    const unit = { site: '每个网站', finding: '每处', page: '每个页面', percent: '每个百分点' }[d.per];
    const home = d.homePoints !== undefined ? `（首页 ${d.homePoints} 分）` : '';
    return `${unit}${item.kind === 'bonus' ? '加' : '扣'} ${d.points} 分${home}`;
  });
  if (item.manual) parts.push(`人工核查：${item.manual}`);
  return parts.join('；');
}

function ItemsTable({ system }: { system: IndicatorSystem }) {
  const groupName = (code: string | undefined) => system.groups.find((g) => g.code === code)?.name ?? '';
  const columns: TableColumnsType<IndicatorItem> = [
    { title: '类型', key: 'kind', width: 100, render: (_, i) => <Tag>{INDICATOR_KIND_LABELS[i.kind]}</Tag> },
    { title: '一级指标', key: 'group', width: 110, render: (_, i) => groupName(i.group) || '—' },
    { title: '指标', key: 'name', width: 150, render: (_, i) => i.name },
    { title: '上限', key: 'cap', width: 70, render: (_, i) => i.cap ?? '—' },
    { title: '评分', key: 'scoring', width: 220, render: (_, i) => scoringText(i) },
    { title: '问题类型', key: 'category', width: 110, render: (_, i) => (i.category ? PROBLEM_CATEGORY_LABELS[i.category] : '—') },
    {
      title: '指标说明',
      key: 'rule',
      render: (_, i) => <Typography.Paragraph style={{ whiteSpace: 'pre-line', marginBottom: 0 }}>{i.rule}</Typography.Paragraph>,
    },
  ];
  return (
    <ScrollRegion label="指标">
      <Table<IndicatorItem>
        rowKey="code"
        size="small"
        caption={<span className="gk-visually-hidden">指标</span>}
        columns={columns}
        dataSource={system.items}
        pagination={false}
        scroll={{ x: 1100 }}
      />
    </ScrollRegion>
  );
}

function SystemBody({ systemKey, onEdit }: { systemKey: string; onEdit: (detail: SystemDetail) => void }) {
  const [version, setVersion] = useState<number | undefined>(undefined);
  const load = useCallback((signal: AbortSignal) => fetchSystem(systemKey, version, signal), [systemKey, version]);
  const detail = useApiData(load);
  if (detail.error) return <LoadErrorAlert error={detail.error} what="指标体系" onRetry={detail.reload} />;
  const d = detail.data;
  if (!d) return <Spin />;
  const s = d.system;
  const newest = d.versions[0]?.version ?? s.version;
  return (
    <>
      <Descriptions size="small" column={2} bordered className="gk-block">
        <Descriptions.Item label="编码">{s.key}</Descriptions.Item>
        <Descriptions.Item label="来源">{SYSTEM_SOURCE_LABELS[d.source]}</Descriptions.Item>
        <Descriptions.Item label="版本">第 {s.version} 版</Descriptions.Item>
        <Descriptions.Item label="基于">{d.basedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="合格线">{s.passLine} 分</Descriptions.Item>
        <Descriptions.Item label="加分线">{s.bonusLine} 分</Descriptions.Item>
        <Descriptions.Item label="一级指标" span={2}>
          {s.groups
            .map((g) => `${g.kind === 'bonus' ? '加分·' : ''}${g.name}${g.points !== undefined ? ` ${g.points} 分` : ''}`)
            .join('，')}
        </Descriptions.Item>
        {d.note ? (
          <Descriptions.Item label="版本说明" span={2}>
            {d.note}（{d.createdBy}，{formatDateTime(d.createdAt ?? '')}）
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {d.source === 'local' ? (
        <Space className="gk-block" wrap>
          <span>查看版本</span>
          <Select
            aria-label="查看版本"
            style={{ width: 360 }}
            value={s.version}
            onChange={(v: number) => setVersion(v)}
            options={d.versions.map((v) => ({
              value: v.version,
              label: `第 ${v.version} 版 · ${formatDateTime(v.createdAt)} · ${v.createdBy}`,
            }))}
          />
          <Button type="primary" disabled={s.version !== newest} onClick={() => onEdit(d)}>
            修改（存为第 {newest + 1} 版）
          </Button>
        </Space>
      ) : null}
      <ItemsTable system={s} />
    </>
  );
}

/** 指标体系: a system whole with every item's rule text; a local one with its versions. */
export function SystemDrawer({
  systemKey,
  onClose,
  onEdit,
}: {
  systemKey: string | null;
  onClose: () => void;
  onEdit: (detail: SystemDetail) => void;
}) {
  return (
    <Drawer open={systemKey !== null} title="指标体系" size={1000} onClose={onClose} destroyOnHidden>
      {systemKey !== null ? <SystemBody key={systemKey} systemKey={systemKey} onEdit={onEdit} /> : null}
    </Drawer>
  );
}
