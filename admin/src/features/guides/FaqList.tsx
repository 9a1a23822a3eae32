import { Form, Input } from 'antd';
import type { ServiceFaq } from '../../../../common/service-items.ts';
import { GuideRowList } from './GuideRowList.tsx';

export interface FaqListProps {
  disabled: boolean;
  onChanged: () => void;
}

/** 常见问题: question and answer pairs. */
export function FaqList({ disabled, onChanged }: FaqListProps) {
  return (
    <GuideRowList<ServiceFaq>
      name="faq"
      heading={(i) => `问题 ${i + 1}`}
      newRow={() => ({ question: '', answer: '' })}
      max={50}
      addLabel="添加问题"
      removeLabel="删除问题"
      disabled={disabled}
      onChanged={onChanged}
    >
      {(field) => (
        <>
          <Form.Item name={[field.name, 'question']} label="问题" required>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name={[field.name, 'answer']} label="解答" required>
            <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        </>
      )}
    </GuideRowList>
  );
}
