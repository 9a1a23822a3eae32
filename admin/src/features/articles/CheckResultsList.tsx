import { Alert, Empty, List, Tag, Typography } from 'antd';
import type { CheckResult } from '../../api/content.ts';
import { fieldLabel } from './articleForm.ts';
import { TAG_COLORS } from './articleLabels.ts';

export interface CheckResultsListProps {
  results: readonly CheckResult[];
  /** Shown above the list, e.g. "检查于 … （第 3 版）". */
  caption?: string;
}

/**
 * Results of 发布前检查: errors first, each with a severity tag in words (错误 / 提示), the
 * field it concerns and the offending snippet.
 */
export function CheckResultsList({ results, caption }: CheckResultsListProps) {
  const errors = results.filter((r) => r.severity === 'error').length;
  const warnings = results.length - errors;
  const sorted = [...results].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <div className="gk-check-results">
      {caption && <Typography.Paragraph type="secondary">{caption}</Typography.Paragraph>}
      {results.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未发现问题" />
      ) : (
        <>
          <Alert
            className="gk-block"
            type={errors > 0 ? 'error' : 'warning'}
            showIcon
            title={
              errors > 0 ? `发现 ${errors} 个错误、${warnings} 个提示：错误须修改后才能提交审核或通过` : `发现 ${warnings} 个提示，请核实`
            }
          />
          <List
            size="small"
            dataSource={sorted}
            renderItem={(r, i) => (
              <List.Item key={`${r.code}-${i}`}>
                <div>
                  <Tag color={r.severity === 'error' ? 'red' : TAG_COLORS.orange}>{r.severity === 'error' ? '错误' : '提示'}</Tag>
                  {r.field && <Typography.Text strong>{`${fieldLabel(r.field)}：`}</Typography.Text>}
                  <span>{r.message}</span>
                  {r.snippet && (
                    <div className="gk-check-snippet">
                      <span className="gk-visually-hidden">原文片段：</span>
                      <q>{r.snippet}</q>
                    </div>
                  )}
                </div>
              </List.Item>
            )}
          />
        </>
      )}
    </div>
  );
}
