import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import { useId } from 'react';

export interface FaqListProps {
  disabled: boolean;
  onChanged: () => void;
}

/** 常见问题: question and answer pairs. */
export function FaqList({ disabled, onChanged }: FaqListProps) {
  const base = useId();
  return (
    <Form.List name="faq">
      {(fields, { add, remove }) => (
        <>
          <ol className="gk-guide-list">
            {fields.map((field, index) => {
              const headingId = `${base}-${field.key}`;
              return (
                <li key={field.key} className="gk-guide-row">
                  <div role="group" aria-labelledby={headingId}>
                    <h3 className="gk-guide-row-heading" id={headingId}>{`问题 ${index + 1}`}</h3>
                    <Form.Item name={[field.name, 'question']} label="问题" required>
                      <Input maxLength={300} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'answer']} label="解答" required>
                      <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
                    </Form.Item>
                    {!disabled && (
                      <Button
                        danger
                        size="small"
                        icon={<DeleteOutlined />}
                        aria-describedby={headingId}
                        onClick={() => {
                          remove(index);
                          onChanged();
                        }}
                      >
                        删除问题
                      </Button>
                    )}
                  </div>
                </li>
              );
            })}
          </ol>
          {!disabled && (
            <Button
              icon={<PlusOutlined />}
              disabled={fields.length >= 50}
              onClick={() => {
                add({ question: '', answer: '' });
                onChanged();
              }}
            >
              添加问题
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
