import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Space, type FormListFieldData } from 'antd';
import { useId, type ReactNode } from 'react';

export interface GuideRowListProps<T> {
  /** The form list's field name (materials, process, faq). */
  name: string;
  /** The row's heading, which also names its group and its buttons: 材料 1, 第 1 步… */
  heading: (index: number) => string;
  /** What the row says so far, shown after the heading. */
  titleOf?: (row: T | undefined) => string | undefined;
  newRow: () => T;
  max: number;
  addLabel: string;
  removeLabel: string;
  /** Rows can be moved up and down (the order matters). */
  movable?: boolean;
  disabled: boolean;
  onChanged: () => void;
  /** The row's fields. */
  children: (field: FormListFieldData, headingId: string) => ReactNode;
}

/** A list of guide rows (materials, steps, questions): each a labelled group with its fields and buttons; a button adds one. */
export function GuideRowList<T>({
  name,
  heading,
  titleOf,
  newRow,
  max,
  addLabel,
  removeLabel,
  movable,
  disabled,
  onChanged,
  children,
}: GuideRowListProps<T>) {
  const base = useId();
  const rows = (Form.useWatch(name) as T[] | undefined) ?? [];
  const act = (fn: () => void) => () => {
    fn();
    onChanged();
  };
  return (
    <Form.List name={name}>
      {(fields, { add, remove, move }) => (
        <>
          <ol className="gk-guide-list">
            {fields.map((field, index) => {
              const headingId = `${base}-${field.key}`;
              const title = titleOf?.(rows[index])?.trim();
              const removeButton = (
                <Button danger size="small" icon={<DeleteOutlined />} aria-describedby={headingId} onClick={act(() => remove(index))}>
                  {removeLabel}
                </Button>
              );
              return (
                <li key={field.key} className="gk-guide-row">
                  <div role="group" aria-labelledby={headingId}>
                    <h3 className="gk-guide-row-heading" id={headingId}>
                      {heading(index)}
                      {title ? <span className="gk-guide-row-name">{title}</span> : null}
                    </h3>
                    {children(field, headingId)}
                    {disabled ? null : movable ? (
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
                        {removeButton}
                      </Space>
                    ) : (
                      removeButton
                    )}
                  </div>
                </li>
              );
            })}
          </ol>
          {!disabled && (
            <Button icon={<PlusOutlined />} disabled={fields.length >= max} onClick={act(() => add(newRow()))}>
              {addLabel}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
