import { CheckCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Button, Card, Form, Typography, type FormInstance } from 'antd';
import {
  missingElements,
  missingKeyCategories,
  SERVICE_ELEMENT_LABELS,
  VETO_MISSING_CATEGORIES,
  type ServiceElement,
} from '../../../../common/service-items.ts';
import { elementTarget, guideFromValues, type ServiceItemFormValues } from './serviceItemForm.ts';

interface Completeness {
  missing: ServiceElement[];
  missingKey: number;
}

export interface CompletenessPanelProps {
  form: FormInstance<ServiceItemFormValues>;
  /** The required elements of the current policy (GET /api/guides/settings). */
  required: readonly ServiceElement[];
}

/**
 * 完整性: the required elements the guide (as typed, saved or not) still lacks, each a button
 * that takes the user to its field; and the national key categories missing (≥ 4 counts towards
 * the 服务不实用 veto). Updates as the user types.
 */
export function CompletenessPanel({ form, required }: CompletenessPanelProps) {
  const state = Form.useWatch(
    (values: ServiceItemFormValues): Completeness => {
      const guide = guideFromValues(values);
      return { missing: missingElements(guide, required), missingKey: missingKeyCategories(guide) };
    },
    { form, preserve: true },
  );
  const missing = state?.missing ?? [];
  const missingKey = state?.missingKey ?? 0;

  const go = (e: ServiceElement) => {
    const target = elementTarget(e);
    if ('field' in target) {
      form.scrollToField(target.field, { focus: true, block: 'center' });
      return;
    }
    const section = document.getElementById(target.section);
    section?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    section?.focus({ preventScroll: true });
  };

  return (
    <Card className="gk-block gk-completeness" title={<h2 className="gk-card-heading">完整性</h2>}>
      <p className="gk-completeness-summary" aria-live="polite">
        {missing.length === 0 ? (
          <>
            <CheckCircleOutlined className="gk-ok-icon" aria-hidden /> 必备要素已齐全，可以发布。
          </>
        ) : (
          <>
            <ExclamationCircleOutlined className="gk-warn-icon" aria-hidden /> {`缺少 ${missing.length} 项必备要素，补齐后才能发布：`}
          </>
        )}
      </p>
      {missing.length > 0 && (
        <ul className="gk-missing-list" aria-label="缺少的必备要素">
          {missing.map((e) => (
            <li key={e}>
              <Button type="link" size="small" onClick={() => go(e)}>
                {SERVICE_ELEMENT_LABELS[e]}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Typography.Paragraph className={`gk-field-hint${missingKey >= VETO_MISSING_CATEGORIES ? ' gk-danger-text' : ''}`}>
        {missingKey === 0
          ? '国家指标十类重点要素齐全。'
          : `国家指标十类重点要素缺少 ${missingKey} 类${
              missingKey >= VETO_MISSING_CATEGORIES ? `（缺少 ${VETO_MISSING_CATEGORIES} 类及以上的事项计入“服务不实用”否决项）` : ''
            }。`}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" className="gk-field-hint">
        “暂无”“待定”“待补充”等占位文字不算填写。点击要素名称可跳转到对应位置。
      </Typography.Paragraph>
    </Card>
  );
}
