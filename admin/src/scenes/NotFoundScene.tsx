import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useDocumentTitle } from '../lib/useDocumentTitle.ts';

export default function NotFoundScene() {
  const navigate = useNavigate();
  useDocumentTitle('页面不存在');
  return (
    <Result
      status="404"
      title={<h1 className="gk-result-title">页面不存在</h1>}
      subTitle="您访问的页面不存在或已被移除。"
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          返回工作台
        </Button>
      }
    />
  );
}
