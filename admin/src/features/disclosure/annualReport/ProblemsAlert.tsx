import { Alert } from 'antd';
import type { AnnualReportProblem } from '../../../../../common/annual-report.ts';
import { REPORT_SECTIONS } from '../../../../../common/annual-report.ts';

/** Every problem the server found, by section; a green note when there are none. */
export function ProblemsAlert({ problems }: { problems: readonly AnnualReportProblem[] }) {
  if (!problems.length)
    return <Alert className="gk-block" type="success" showIcon title="各部分数据完整，勾稽关系校验通过，可以提交发布。" />;
  return (
    <Alert
      className="gk-block"
      type="warning"
      showIcon
      role="alert"
      title={`发现 ${problems.length} 个问题，修改并保存后才能提交发布`}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {problems.map((p, i) => (
            <li key={`${p.rule}-${i}`}>
              {REPORT_SECTIONS[p.section]}：{p.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}
