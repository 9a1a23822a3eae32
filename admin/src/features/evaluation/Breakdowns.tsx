import { Card, Col, InputNumber, Row, Table, Tag } from 'antd';
import { useId } from 'react';
import type { BatchDetail } from '../../api/evaluation.ts';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { TableEmpty } from '../../components/TableEmpty.tsx';
import { TAG_COLORS } from '../articles/articleLabels.ts';

const UNRANKED: Record<BatchDetail['interaction']['unranked'][number]['reason'], string> = {
  pending: '尚未评分',
  fewLetters: '来信不足',
  vetoed: '因其他指标被否决',
};

const pct = (n: number | null) => (n === null ? '—' : `${n}%`);
const num = (n: number | null) => (n === null ? '—' : String(n));

/**
 * A spot check broken down by county and by kind of problem, and the 互动交流 ranking with its
 * rule shown: only sites with at least the given number of letters in the period are ranked.
 */
export function Breakdowns({
  detail,
  minLetters,
  onMinLetters,
}: {
  detail: BatchDetail;
  minLetters: number | null;
  onMinLetters: (n: number | null) => void;
}) {
  const minId = useId();
  const { interaction } = detail;
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card className="gk-block" title={<h2 className="gk-card-heading">按区县统计</h2>}>
            <ScrollRegion label="按区县统计">
              <Table
                rowKey={(r) => r.countyId ?? 'city'}
                size="small"
                pagination={false}
                caption={<span className="gk-visually-hidden">按区县统计</span>}
                dataSource={detail.byCounty}
                columns={[
                  { title: '区县', key: 'county', render: (_, r) => r.county },
                  { title: '网站', key: 'sites', width: 70, align: 'right', render: (_, r) => r.sites },
                  { title: '合格', key: 'pass', width: 70, align: 'right', render: (_, r) => r.pass },
                  { title: '不合格', key: 'fail', width: 80, align: 'right', render: (_, r) => r.fail },
                  { title: '合格率', key: 'rate', width: 90, align: 'right', render: (_, r) => pct(r.passRate) },
                  { title: '平均分', key: 'avg', width: 90, align: 'right', render: (_, r) => num(r.averageScore) },
                ]}
              />
            </ScrollRegion>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card className="gk-block" title={<h2 className="gk-card-heading">按问题类型统计</h2>}>
            <ScrollRegion label="按问题类型统计">
              <Table
                rowKey="category"
                size="small"
                pagination={false}
                caption={<span className="gk-visually-hidden">按问题类型统计</span>}
                dataSource={detail.byCategory}
                columns={[
                  { title: '问题类型', key: 'label', render: (_, r) => r.label },
                  { title: '涉及网站', key: 'sites', width: 90, align: 'right', render: (_, r) => r.sites },
                  { title: '否决', key: 'vetoes', width: 70, align: 'right', render: (_, r) => r.vetoes },
                  { title: '扣分', key: 'points', width: 80, align: 'right', render: (_, r) => r.points },
                ]}
              />
            </ScrollRegion>
          </Card>
        </Col>
      </Row>
      <Card className="gk-block" title={<h2 className="gk-card-heading">互动交流排名</h2>}>
        <div className="gk-filters">
          <div className="gk-filter">
            <label htmlFor={minId}>参与排名的最少来信数</label>
            <InputNumber
              id={minId}
              min={0}
              max={100000}
              precision={0}
              value={minLetters ?? interaction.minLetters}
              onChange={(v) => onMinLetters(typeof v === 'number' ? v : null)}
            />
          </div>
        </div>
        <p className="gk-tree-meta">
          {`按互动交流指标的扣分排名（扣分相同名次相同）；本期收到来信不少于 ${interaction.minLetters} 件的网站参与排名，来信过少的网站不参与，以免几乎没有来信的网站排在前列。`}
        </p>
        <ScrollRegion label="互动交流排名">
          <Table
            rowKey="siteId"
            size="small"
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            caption={<span className="gk-visually-hidden">互动交流排名</span>}
            dataSource={interaction.ranked}
            locale={{ emptyText: <TableEmpty loading={false} text="没有来信数达到要求的网站" /> }}
            columns={[
              { title: '名次', key: 'rank', width: 64, render: (_, r) => r.rank },
              { title: '网站', key: 'site', render: (_, r) => r.siteName },
              { title: '来信', key: 'letters', width: 80, align: 'right', render: (_, r) => r.letters },
              {
                title: '互动交流扣分',
                key: 'lost',
                width: 140,
                align: 'right',
                render: (_, r) => (r.vetoed ? <Tag color={TAG_COLORS.darkRed}>互动回应差（否决）</Tag> : r.lost),
              },
            ]}
          />
        </ScrollRegion>
        {interaction.unranked.length > 0 ? (
          <p className="gk-tree-meta">
            {`未参与排名 ${interaction.unranked.length} 个：${Object.entries(
              interaction.unranked.reduce<Record<string, number>>(
                (acc, u) => ({ ...acc, [UNRANKED[u.reason]]: (acc[UNRANKED[u.reason]] ?? 0) + 1 }),
                {},
              ),
            )
              .map(([why, n]) => `${why} ${n} 个`)
              .join('，')}。`}
          </p>
        ) : null}
      </Card>
    </>
  );
}
