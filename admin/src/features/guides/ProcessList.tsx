import { Form, Input } from 'antd';
import { GuideRowList } from './GuideRowList.tsx';
import type { StepRow } from './serviceItemForm.ts';

export interface ProcessListProps {
  disabled: boolean;
  onChanged: () => void;
}

/** 办理流程: the steps in order (环节 and 说明), each movable up and down. */
export function ProcessList({ disabled, onChanged }: ProcessListProps) {
  return (
    <GuideRowList<StepRow>
      name="process"
      heading={(i) => `第 ${i + 1} 步`}
      titleOf={(row) => row?.title}
      newRow={() => ({ title: '', description: '' })}
      max={50}
      addLabel="添加环节"
      removeLabel="删除环节"
      movable
      disabled={disabled}
      onChanged={onChanged}
    >
      {(field) => (
        <>
          <Form.Item name={[field.name, 'title']} label="环节" required>
            <Input maxLength={100} placeholder="如：申请、受理、审查、决定、送达" />
          </Form.Item>
          <Form.Item name={[field.name, 'description']} label="环节说明">
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 1, maxRows: 4 }} />
          </Form.Item>
        </>
      )}
    </GuideRowList>
  );
}
