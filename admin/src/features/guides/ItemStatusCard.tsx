import { Card, Descriptions, Tag, Typography } from 'antd';
import type { ServiceItemView } from '../../api/guides.ts';
import { formatDateTime } from '../../lib/datetime.ts';
import { TAG_COLORS } from '../articles/articleLabels.ts';
import { publicPageUrl } from './guideLabels.ts';
import { ServiceItemStateTags } from './ServiceItemStateTags.tsx';

/** Where the item stands: state, unpublished changes, who changed and published it when, its review and public page. */
export function ItemStatusCard({ item, siteCode }: { item: ServiceItemView; siteCode: string | null }) {
  const page = item.state === 'published' ? publicPageUrl(siteCode, item.pagePath) : null;
  const by = (at: string | null, who: string | null) => (at ? `${formatDateTime(at)}${who ? `（${who}）` : ''}` : '—');
  return (
    <Card className="gk-block" title={<h2 className="gk-card-heading">事项状态</h2>}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'state', label: '状态', children: <ServiceItemStateTags item={item} /> },
          { key: 'org', label: '所属部门', children: item.orgName || '—' },
          { key: 'version', label: '版本', children: `第 ${item.version} 版` },
          { key: 'updated', label: '最近修改', children: by(item.updatedAt, item.updatedBy) },
          { key: 'published', label: '发布', children: by(item.publishedAt, item.publishedBy) },
          {
            key: 'reviewed',
            label: '上次复核',
            children: (
              <>
                {item.reviewedOn ?? '—'} {item.reviewDue ? <Tag color={TAG_COLORS.orange}>待复核</Tag> : null}
              </>
            ),
          },
          {
            key: 'page',
            label: '公众页面',
            children: page ? (
              <Typography.Link href={page} target="_blank" rel="noopener">
                在网站上查看
              </Typography.Link>
            ) : item.state === 'published' ? (
              '网站尚未设置代码，无法预览'
            ) : (
              '发布后可查看'
            ),
          },
        ]}
      />
      {item.changed ? (
        <Typography.Paragraph className="gk-field-hint">
          网站上显示的是已发布的版本；保存的修改须由审核人发布后才在网站上显示。
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
