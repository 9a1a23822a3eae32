import { Form, InputNumber } from 'antd';
import { REVIEW_BLOCKS, REVIEW_RESULTS } from '../../../../../common/annual-report.ts';

/** Section 四: the 15 cells typed in, block by block (总计 must be the sum of the other four). */
export function ReviewSection() {
  return (
    <table className="gk-block" style={{ borderCollapse: 'collapse' }} cellPadding={6}>
      <thead>
        <tr>
          <th scope="col">类别</th>
          {REVIEW_RESULTS.map((c) => (
            <th key={c.code} scope="col">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {REVIEW_BLOCKS.map((b) => {
          const name = b.group === b.label ? b.label : `${b.group}（${b.label}）`;
          return (
            <tr key={b.code}>
              <th scope="row">{name}</th>
              {REVIEW_RESULTS.map((c) => (
                <td key={c.code}>
                  <Form.Item name={['review', b.code, c.code]} noStyle rules={[{ required: true, message: '请填写' }]}>
                    <InputNumber min={0} max={100_000_000} precision={0} aria-label={`${name}${c.label}`} style={{ width: 90 }} />
                  </Form.Item>
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
