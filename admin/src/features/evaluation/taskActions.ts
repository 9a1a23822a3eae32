/** Which actions a user may take on a rectification task, and what each asks for. Pure. */
import type { TaskDetail } from '../../../../common/schemas/evaluation.ts';

export type TaskActionKey = 'report' | 'requestDismissal' | 'verify' | 'decideDismissal';

export interface TaskActionSpec {
  key: TaskActionKey;
  label: string;
  /** The text field's label. */
  textLabel: string;
  /** The yes/no question, when the action has one. */
  choice?: { label: string; yes: string; no: string };
}

export const TASK_ACTIONS: Record<TaskActionKey, TaskActionSpec> = {
  report: { key: 'report', label: '报送整改情况', textLabel: '整改情况' },
  requestDismissal: { key: 'requestDismissal', label: '申请核销', textLabel: '核销理由' },
  verify: {
    key: 'verify',
    label: '人工复查',
    textLabel: '复查说明',
    choice: { label: '复查结果', yes: '已整改，销号', no: '未整改到位，重新整改' },
  },
  decideDismissal: {
    key: 'decideDismissal',
    label: '审批核销',
    textLabel: '审批意见',
    choice: { label: '审批结果', yes: '批准核销', no: '驳回' },
  },
};

/** The actions open to someone with these permissions on the task as it stands. */
export function taskActions(task: Pick<TaskDetail, 'state' | 'recheck'>, permissions: readonly string[]): TaskActionSpec[] {
  const owner = permissions.includes('rectification.report');
  const supervisor = permissions.includes('evaluation.manage');
  const out: TaskActionKey[] = [];
  if (task.state === 'open' && owner) out.push('report');
  if ((task.state === 'open' || task.state === 'reported') && (owner || supervisor)) out.push('requestDismissal');
  if (task.state === 'reported' && task.recheck === 'manual' && supervisor) out.push('verify');
  if (task.state === 'dismissalRequested' && supervisor) out.push('decideDismissal');
  return out.map((k) => TASK_ACTIONS[k]);
}
