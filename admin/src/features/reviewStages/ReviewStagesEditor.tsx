import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useId } from 'react';
import './reviewStages.css';
import type { ReviewStage } from '../../api/content.ts';
import { saveReviewStages } from '../../api/content.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { useSubmitForm } from '../../lib/useSubmitForm.ts';
import {
  defaultStageRows,
  MAX_REVIEW_STAGES,
  MIN_REVIEW_STAGES,
  newStage,
  ReviewStagesBodySchema,
  sameStages,
  STAGE_ROLE_OPTIONS,
  stageFields,
  stageProblems,
  stagesBody,
  type ReviewStagesFormValues,
} from './reviewStagesModel.ts';

export interface ReviewStagesEditorProps {
  siteId: string;
  siteName: string;
  /** The stages as last loaded or saved; the form starts (and 放弃修改 returns) here. */
  initial: readonly ReviewStage[];
  onSaved: (stages: ReviewStage[]) => void;
}

/** The ordered review stages of one site as an editable list: name, key and roles of each. */
export function ReviewStagesEditor({ siteId, siteName, initial, onSaved }: ReviewStagesEditorProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ReviewStagesFormValues>();
  const rows = Form.useWatch('stages', form) ?? initial;
  const submitForm = useSubmitForm({ form, fields: stageFields(rows.length) });
  const minHintId = useId();
  const atMinimum = rows.length <= MIN_REVIEW_STAGES;

  const save = (values: ReviewStagesFormValues) =>
    void submitForm.submit({
      schema: ReviewStagesBodySchema,
      body: stagesBody(values.stages ?? []),
      extra: stageProblems(stagesBody(values.stages ?? []).stages),
      send: (data) => (sameStages(data.stages, initial) ? null : saveReviewStages(siteId, data.stages)),
      success: `已保存${siteName}的审核流程`,
      onSaved,
    });

  const restoreDefault = () => {
    form.setFieldsValue({ stages: defaultStageRows() });
    submitForm.markDirty();
    void message.info('已恢复为默认的初审、审核、审签三个环节，保存后生效');
  };

  return (
    <Card title={<h2 className="gk-card-heading">{`${siteName}的审核环节（${rows.length}）`}</h2>}>
      <Typography.Paragraph type="secondary" id={minHintId}>
        {`稿件按以下顺序逐级审核，每个环节由所选角色中的任一人员办理。审核环节不能少于 ${MIN_REVIEW_STAGES} 个${
          atMinimum ? `，现已只剩 ${MIN_REVIEW_STAGES} 个，不能再删除` : ''
        }；系统管理员、安全管理员、审计管理员（三员）不能参与内容审核。`}
      </Typography.Paragraph>
      <FormErrorAlert text={submitForm.alert} />
      <Form<ReviewStagesFormValues>
        form={form}
        layout="vertical"
        initialValues={{ stages: initial.map((s) => ({ ...s, roles: [...s.roles] })) }}
        onValuesChange={submitForm.markDirty}
        onFinish={save}
      >
        <Form.List name="stages">
          {(fields, { add, remove, move }) => (
            <>
              <ol className="gk-stage-list">
                {fields.map((field, index) => {
                  const label = rows[index]?.label?.trim() || `第 ${index + 1} 个环节`;
                  const headingId = `${minHintId}-stage-${field.key}`;
                  return (
                    <li key={field.key} className="gk-stage-row">
                      <h3 className="gk-stage-heading" id={headingId}>
                        {`第 ${index + 1} 个环节${rows[index]?.label?.trim() ? `：${label}` : ''}`}
                      </h3>
                      <div className="gk-stage-fields">
                        <Form.Item name={[field.name, 'label']} label="环节名称" required>
                          <Input maxLength={20} placeholder="如：初审" />
                        </Form.Item>
                        <Form.Item name={[field.name, 'key']} label="标识" required extra="字母开头，可含字母、数字">
                          <Input className="gk-code-input" maxLength={40} placeholder="如：firstReview" />
                        </Form.Item>
                        <Form.Item name={[field.name, 'roles']} label="审核角色" required>
                          <Select mode="multiple" options={STAGE_ROLE_OPTIONS} placeholder="请选择角色" />
                        </Form.Item>
                      </div>
                      <Space wrap size="small">
                        <Button
                          icon={<ArrowUpOutlined />}
                          aria-label="上移"
                          aria-describedby={headingId}
                          disabled={index === 0}
                          onClick={() => {
                            move(index, index - 1);
                            submitForm.markDirty();
                          }}
                        >
                          上移
                        </Button>
                        <Button
                          icon={<ArrowDownOutlined />}
                          aria-label="下移"
                          aria-describedby={headingId}
                          disabled={index === fields.length - 1}
                          onClick={() => {
                            move(index, index + 1);
                            submitForm.markDirty();
                          }}
                        >
                          下移
                        </Button>
                        <Button
                          danger
                          icon={<DeleteOutlined />}
                          disabled={atMinimum}
                          aria-describedby={atMinimum ? `${headingId} ${minHintId}` : headingId}
                          onClick={() => {
                            remove(index);
                            submitForm.markDirty();
                          }}
                        >
                          删除
                        </Button>
                      </Space>
                    </li>
                  );
                })}
              </ol>
              <Button
                className="gk-block"
                icon={<PlusOutlined />}
                disabled={fields.length >= MAX_REVIEW_STAGES}
                onClick={() => {
                  add(newStage((form.getFieldValue('stages') as ReviewStagesFormValues['stages']) ?? []));
                  submitForm.markDirty();
                }}
              >
                添加环节
              </Button>
              {fields.length >= MAX_REVIEW_STAGES && (
                <Typography.Text type="secondary">{` 审核环节最多 ${MAX_REVIEW_STAGES} 个。`}</Typography.Text>
              )}
            </>
          )}
        </Form.List>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={submitForm.saving}>
            保存
          </Button>
          <Button onClick={restoreDefault}>恢复默认</Button>
          <Button onClick={submitForm.reset} disabled={!submitForm.dirty}>
            放弃修改
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
