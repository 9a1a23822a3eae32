import { Button, Card, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { SYSTEM_SOURCE_LABELS, type IndicatorSystem } from '../../../common/schemas/evaluation.ts';
import { fetchSystem, fetchSystems, type SystemDetail, type SystemSummary } from '../api/evaluation.ts';
import { FormModal } from '../components/FormModal.tsx';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { ScrollRegion } from '../components/ScrollRegion.tsx';
import { TableEmpty } from '../components/TableEmpty.tsx';
import { SystemDrawer } from '../features/evaluation/SystemDrawer.tsx';
import { SystemEditor } from '../features/evaluation/SystemEditor.tsx';
import { formatDateTime } from '../lib/datetime.ts';
import { useApiData } from '../lib/useApiData.ts';

/** What the editor opens on: a copy of a system under a new key, or a local system's newest version. */
type Editing = { system: IndicatorSystem; baseVersion: number | null; copy?: { key: string; name: string } };

/** 新建本地指标体系, step one: which system to start from. */
function CopyChooser({ systems, onChosen }: { systems: SystemSummary[]; onChosen: (key: string) => void }) {
  const [key, setKey] = useState(systems[0]?.key ?? '');
  return (
    <Space wrap>
      <span id="copy-from-label">以此为基础</span>
      <Select
        aria-labelledby="copy-from-label"
        style={{ width: 360 }}
        value={key}
        onChange={setKey}
        options={systems.map((s) => ({ value: s.key, label: `${s.name}（第 ${s.version} 版）` }))}
      />
      <Button type="primary" onClick={() => onChosen(key)} disabled={!key}>
        下一步
      </Button>
    </Space>
  );
}

/**
 * 指标体系 (supervisors): the built-in national tables and the city's own local systems, each
 * with every item's rule text; a local system is made from a copy and saved as new versions,
 * and a spot check keeps the version it was made with.
 */
export default function IndicatorSystemsScene() {
  const load = useCallback((signal: AbortSignal) => fetchSystems(signal), []);
  const list = useApiData(load);
  const [viewing, setViewing] = useState<string | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [editing, setEditing] = useState<Editing | null>(null);

  const startCopy = async (key: string) => {
    const detail = await fetchSystem(key);
    setChoosing(false);
    setEditing({ system: detail.system, baseVersion: null, copy: { key: '', name: `${detail.system.name}（本地）` } });
  };
  const startEdit = (detail: SystemDetail) => {
    setViewing(null);
    setEditing({ system: detail.system, baseVersion: detail.system.version });
  };

  const columns: TableColumnsType<SystemSummary> = [
    {
      title: '指标体系',
      key: 'name',
      render: (_, s) => (
        <Button type="link" onClick={() => setViewing(s.key)}>
          {s.name}
        </Button>
      ),
    },
    { title: '编码', key: 'key', width: 160, render: (_, s) => s.key },
    {
      title: '来源',
      key: 'source',
      width: 90,
      render: (_, s) => <Tag color={s.source === 'local' ? 'blue' : 'default'}>{SYSTEM_SOURCE_LABELS[s.source]}</Tag>,
    },
    { title: '版本', key: 'version', width: 90, render: (_, s) => `第 ${s.version} 版` },
    { title: '指标', key: 'items', width: 150, render: (_, s) => `${s.groups} 个一级指标，${s.items} 项` },
    { title: '基于', key: 'basedOn', width: 150, render: (_, s) => s.basedOn ?? '—' },
    {
      title: '最近保存',
      key: 'updated',
      width: 220,
      render: (_, s) => (s.updatedAt ? `${formatDateTime(s.updatedAt)} ${s.updatedBy ?? ''}` : '—'),
    },
  ];

  return (
    <>
      <PageTitle
        title="指标体系"
        extra={
          <Button type="primary" onClick={() => setChoosing(true)} disabled={!list.data}>
            新建本地指标体系
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">
        内置国家《政府网站与政务新媒体检查指标》（2019）和 2015
        年普查指标。本市的季度绩效考评等可复制后调整分值，每次保存为新版本；抽查始终使用创建时的版本。
      </Typography.Paragraph>
      {list.error ? <LoadErrorAlert error={list.error} what="指标体系" onRetry={list.reload} /> : null}
      <Card className="gk-block" title={<h2 className="gk-card-heading">指标体系</h2>}>
        <ScrollRegion label="指标体系">
          <Table<SystemSummary>
            rowKey="key"
            size="small"
            caption={<span className="gk-visually-hidden">指标体系</span>}
            columns={columns}
            dataSource={list.data ?? []}
            loading={list.loading}
            pagination={false}
            scroll={{ x: 980 }}
            locale={{ emptyText: <TableEmpty loading={list.loading} text="没有指标体系" /> }}
          />
        </ScrollRegion>
      </Card>
      <SystemDrawer systemKey={viewing} onClose={() => setViewing(null)} onEdit={startEdit} />
      <FormModal open={choosing} title="新建本地指标体系" width={560} onClose={() => setChoosing(false)}>
        {() => <CopyChooser systems={list.data ?? []} onChosen={(key) => void startCopy(key)} />}
      </FormModal>
      <FormModal
        open={editing !== null}
        title={editing?.baseVersion === null ? '新建本地指标体系' : `修改指标体系（存为第 ${(editing?.baseVersion ?? 0) + 1} 版）`}
        width={1000}
        onClose={() => setEditing(null)}
      >
        {(cb) =>
          editing ? (
            <SystemEditor
              system={editing.system}
              baseVersion={editing.baseVersion}
              {...(editing.copy ? { copy: editing.copy } : {})}
              onSaved={(d) => {
                cb.onDone();
                list.reload();
                setViewing(d.system.key);
              }}
              onCancel={cb.onCancel}
              onDirtyChange={cb.onDirtyChange}
            />
          ) : null
        }
      </FormModal>
    </>
  );
}
