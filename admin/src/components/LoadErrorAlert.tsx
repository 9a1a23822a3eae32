import { Alert, Button } from 'antd';
import { errorMessage } from '../api/client.ts';

/** A failed load, with a retry button (the screen keeps whatever it already shows). */
export function LoadErrorAlert({ error, what, onRetry }: { error: unknown; what: string; onRetry: () => void }) {
  return (
    <Alert
      className="gk-block"
      type="error"
      showIcon
      role="alert"
      title={`${what}加载失败`}
      description={errorMessage(error)}
      action={
        <Button size="small" onClick={onRetry}>
          重试
        </Button>
      }
    />
  );
}
