import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Space } from 'antd';
import { useId } from 'react';
import type { StepRow } from './serviceItemForm.ts';

export interface ProcessListProps {
  disabled: boolean;
  onChanged: () => void;
}

/** 办理流程: the steps in order (环节 and 说明), each movable up and down. */
export function ProcessList({ disabled, onChanged }: ProcessListProps) {
  const base = useId();
  const rows = (Form.useWatch('process') as StepRow[] | undefined) ?? [];
  return (
    <Form.List name="process">
      {(fields, { add, remove, move }) => (
        <>
          <ol className="gk-guide-list">
            {fields.map((field, index) => {
              const headingId = `${base}-${field.key}`;
              const title = rows[index]?.title?.trim();
              const act = (fn: () => void) => () => {
                fn();
                onChanged();
              };
              return (
                <li key={field.key} className="gk-guide-row">
                  <div role="group" aria-labelledby={headingId}>
                    <h3 className="gk-guide-row-heading" id={headingId}>
                      {`第 ${index + 1} 步`}
                      {title ? <span className="gk-guide-row-name">{title}</span> : null}
                    </h3>
                    <Form.Item name={[field.name, 'title']} label="环节" required>
                      <Input maxLength={100} placeholder="如：申请、受理、审查、决定、送达" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'description']} label="环节说明">
                      <Input.TextArea maxLength={1000} autoSize={{ minRows: 1, maxRows: 4 }} />
                    </Form.Item>
                    {!disabled && (
                      <Space wrap size="small">
                        <Button
                          size="small"
                          icon={<ArrowUpOutlined />}
                          aria-describedby={headingId}
                          disabled={index === 0}
                          onClick={act(() => move(index, index - 1))}
                        >
                          上移
                        </Button>
                        <Button
                          size="small"
                          icon={<ArrowDownOutlined />}
                          aria-describedby={headingId}
                          disabled={index === fields.length - 1}
                          onClick={act(() => move(index, index + 1))}
                        >
                          下移
                        </Button>
                        <Button
                          danger
                          size="small"
                          icon={<DeleteOutlined />}
                          aria-describedby={headingId}
                          onClick={act(() => remove(index))}
                        >
                          删除环节
                        </Button>
                      </Space>
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
                add({ title: '', description: '' });
                onChanged();
              }}
            >
              添加环节
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
