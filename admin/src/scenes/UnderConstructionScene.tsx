import { ToolOutlined } from '@ant-design/icons';
import { Card, Result } from 'antd';
import { PageTitle } from '../components/PageTitle.tsx';

/** Shared placeholder for screens that are planned but not built yet. */
export default function UnderConstructionScene({ title }: { title: string }) {
  return (
    <>
      <PageTitle title={title} />
      <Card>
        <Result icon={<ToolOutlined aria-hidden />} title="该功能正在建设中" subTitle="此页面将在后续版本中提供，敬请期待。" />
      </Card>
    </>
  );
}
