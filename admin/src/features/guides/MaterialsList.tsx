import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Switch } from 'antd';
import { useId } from 'react';
import { MaterialFileInput } from './MaterialFileInput.tsx';
import type { MaterialRow } from './serviceItemForm.ts';

export interface MaterialsListProps {
  names: Readonly<Record<string, string>>;
  upload: (file: File) => Promise<{ fileId: string; name: string }>;
  disabled: boolean;
  onChanged: () => void;
}

const NEW_MATERIAL: MaterialRow = { name: '', form: '', required: true, note: '', formFileId: null, sampleFileId: null };

/** 办理材料: one row per material — name, form, whether required, a note, its blank form and sample. */
export function MaterialsList({ names, upload, disabled, onChanged }: MaterialsListProps) {
  const base = useId();
  const rows = (Form.useWatch('materials') as MaterialRow[] | undefined) ?? [];
  return (
    <Form.List name="materials">
      {(fields, { add, remove }) => (
        <>
          <ol className="gk-guide-list">
            {fields.map((field, index) => {
              const headingId = `${base}-${field.key}`;
              const name = rows[index]?.name?.trim();
              return (
                <li key={field.key} className="gk-guide-row">
                  <div role="group" aria-labelledby={headingId}>
                    <h3 className="gk-guide-row-heading" id={headingId}>
                      {`材料 ${index + 1}`}
                      {name ? <span className="gk-guide-row-name">{name}</span> : null}
                    </h3>
                    <div className="gk-guide-row-fields">
                      <Form.Item name={[field.name, 'name']} label="材料名称" required>
                        <Input maxLength={200} placeholder="如：居民身份证" />
                      </Form.Item>
                      <Form.Item name={[field.name, 'form']} label="材料形式">
                        <Input maxLength={100} placeholder="如：原件1份、复印件1份" />
                      </Form.Item>
                      <Form.Item name={[field.name, 'required']} label="是否必需" valuePropName="checked">
                        <Switch checkedChildren="必需" unCheckedChildren="非必需" />
                      </Form.Item>
                    </div>
                    <Form.Item name={[field.name, 'note']} label="材料说明">
                      <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} placeholder="如：来源渠道、份数、纸质要求" />
                    </Form.Item>
                    <div className="gk-guide-row-files">
                      <Form.Item name={[field.name, 'formFileId']} label="空白表格">
                        <MaterialFileInput kind="空白表格" describedBy={headingId} names={names} upload={upload} disabled={disabled} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'sampleFileId']} label="示范文本">
                        <MaterialFileInput kind="示范文本" describedBy={headingId} names={names} upload={upload} disabled={disabled} />
                      </Form.Item>
                    </div>
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
                        删除材料
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
              disabled={fields.length >= 100}
              onClick={() => {
                add({ ...NEW_MATERIAL });
                onChanged();
              }}
            >
              添加材料
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
