import { Spin } from 'antd';

/** A centred loading indicator for whole screens. */
export function FullPageSpin({ tip = '正在加载…' }: { tip?: string }) {
  return (
    <div className="gk-full-page-spin" role="status" aria-live="polite">
      <Spin size="large" />
      <span className="gk-visually-hidden">{tip}</span>
    </div>
  );
}
