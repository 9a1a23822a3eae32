import { Button, Descriptions } from 'antd';
import type { Site } from '../../api/sites.ts';
import { hostingLabel, kindLabel, statusLabel } from './siteLabels.ts';

const orNone = (v: string | null | undefined) => (v ? v : '未填写');

/** A site's registration for users who may look but not edit (a read-only view reads better than a disabled form). */
export function SiteDetails({
  site,
  sponsorName,
  parentName,
  onClose,
}: {
  site: Site;
  sponsorName: string | null;
  parentName: string | null;
  onClose: () => void;
}) {
  return (
    <>
      <Descriptions
        className="gk-block"
        column={1}
        size="small"
        bordered
        items={[
          { key: 'code', label: '网站标识码', children: orNone(site.code) },
          { key: 'name', label: '网站名称', children: site.name },
          { key: 'kind', label: '网站类型', children: kindLabel(site.kind) },
          { key: 'hosting', label: '托管方式', children: hostingLabel(site.hosting) },
          { key: 'sponsor', label: '主办单位', children: sponsorName ?? '（未知单位）' },
          { key: 'parent', label: '上级网站', children: parentName ?? '无' },
          { key: 'status', label: '网站状态', children: statusLabel(site.status) },
          { key: 'services', label: '对外提供办事服务', children: site.externalServices ? '是' : '否（不查办事服务，按 75 分折算）' },
          { key: 'baseUrl', label: '网站首页地址', children: orNone(site.baseUrl) },
          { key: 'domains', label: '域名', children: site.domains.length > 0 ? site.domains.join('、') : '未填写' },
          { key: 'icp', label: 'ICP 备案号', children: orNone(site.icpNumber) },
          { key: 'psb', label: '公安机关备案号', children: orNone(site.psbNumber) },
          { key: 'phone', label: '联系电话', children: orNone(site.contact.phone) },
          { key: 'email', label: '电子邮箱', children: orNone(site.contact.email) },
          { key: 'address', label: '联系地址', children: orNone(site.contact.address) },
        ]}
      />
      <Button onClick={onClose}>关闭</Button>
    </>
  );
}
