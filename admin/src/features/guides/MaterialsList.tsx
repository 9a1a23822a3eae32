import { Form, Input, Switch } from 'antd';
import { GuideRowList } from './GuideRowList.tsx';
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
  return (
    <GuideRowList<MaterialRow>
      name="materials"
      heading={(i) => `材料 ${i + 1}`}
      titleOf={(row) => row?.name}
      newRow={() => ({ ...NEW_MATERIAL })}
      max={100}
      addLabel="添加材料"
      removeLabel="删除材料"
      disabled={disabled}
      onChanged={onChanged}
    >
      {(field, headingId) => (
        <>
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
        </>
      )}
    </GuideRowList>
  );
}
