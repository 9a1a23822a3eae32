import { Descriptions, Form, InputNumber } from 'antd';
import type { AnnualReportView, DocumentCounts } from '../../../../../common/annual-report.ts';

const counts = (c: DocumentCounts) => [`本年制发 ${c.issued} 件`, `本年废止 ${c.repealed} 件`, `现行有效 ${c.inForce} 件`].join('；');
const COUNT_PROPS = { min: 0, max: 100_000_000, precision: 0, style: { width: 200 } } as const;

/** Section 二: the documents counted from published policy articles, and the decisions and fees typed in. */
export function ProactiveSection({ report }: { report: AnnualReportView }) {
  return (
    <>
      <Descriptions size="small" column={1} bordered className="gk-block" title="第二十条第（一）项（根据已发布的政策文件自动统计）">
        <Descriptions.Item label="规章">{counts(report.proactive.regulations)}</Descriptions.Item>
        <Descriptions.Item label="行政规范性文件">{counts(report.proactive.normative)}</Descriptions.Item>
      </Descriptions>
      <Form.Item label="行政许可：本年处理决定数量" name="licensing" rules={[{ required: true, message: '请填写数量' }]}>
        <InputNumber {...COUNT_PROPS} addonAfter="件" />
      </Form.Item>
      <Form.Item label="行政处罚：本年处理决定数量" name="penalty" rules={[{ required: true, message: '请填写数量' }]}>
        <InputNumber {...COUNT_PROPS} addonAfter="件" />
      </Form.Item>
      <Form.Item label="行政强制：本年处理决定数量" name="enforcement" rules={[{ required: true, message: '请填写数量' }]}>
        <InputNumber {...COUNT_PROPS} addonAfter="件" />
      </Form.Item>
      <Form.Item
        label="行政事业性收费：本年收费金额"
        name="feeYuan"
        extra={`按元填写，报告中以万元显示（当前保存值：${report.proactive.feeWanYuan} 万元）`}
        rules={[{ required: true, message: '请填写金额' }]}
      >
        <InputNumber min={0} max={10_000_000_000} precision={2} style={{ width: 200 }} addonAfter="元" />
      </Form.Item>
    </>
  );
}
