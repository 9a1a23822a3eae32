import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useDocumentTitle } from '../lib/useDocumentTitle.ts';

export default function ForbiddenScene() {
  const navigate = useNavigate();
  useDocumentTitle('没有权限');
  return (
    <Result
      status="403"
      title={<h1 className="gk-result-title">没有权限访问该页面</h1>}
      subTitle="如需使用此功能，请联系安全管理员为您授予相应角色。"
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          返回工作台
        </Button>
      }
    />
  );
}
