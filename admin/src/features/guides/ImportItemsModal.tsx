import { Alert, Button, Form, Modal, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { fetchServiceItems, type ImportReport } from '../../api/guides.ts';
import type { Org } from '../../api/orgs.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { OrgTreeSelect } from '../../components/OrgTreeSelect.tsx';
import { applyFieldErrors, submitErrorDisplay } from '../../lib/formErrors.ts';
import { serviceItemPath } from '../../paths.ts';
import { elementLabels, importOutcomeText, itemIdByCode } from './guideLabels.ts';
import { useGuideUpload } from './useGuideUpload.ts';

interface ImportValues {
  orgId?: string | null;
  file?: File | null;
}

const FIELDS = ['orgId', 'file'];
const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

type Failed = ImportReport['failed'][number];
type Incomplete = ImportReport['incomplete'][number] & { id: string | null };

/** A file input whose value is the chosen File; Form.Item passes the `id` its label points at. */
function SpreadsheetInput({ id, value, onChange }: { id?: string; value?: File | null; onChange?: (f: File | null) => void }) {
  return (
    <>
      <input id={id} type="file" accept={ACCEPT} onChange={(e) => onChange?.(e.target.files?.[0] ?? null)} />
      <div className="gk-hint" aria-live="polite">
        {value ? `已选择：${value.name}（${Math.max(1, Math.round(value.size / 1024))} KB）` : ''}
      </div>
    </>
  );
}

export interface ImportItemsModalProps {
  siteId: string;
  siteName: string;
  orgs: readonly Org[];
  defaultOrgId: string | null;
  /** After an import landed (the list reloads). */
  onImported: () => void;
  /** Closes the dialog and shows the list filtered by this 事项编码. */
  onFindCode: (code: string) => void;
  onClose: () => void;
}

/**
 * 导入办事事项: an XLSX or CSV file (the template's columns) and the department of rows that
 * name none; then the report — counts, rows that did not land (行号, 列, 问题) and items that
 * landed without every required element, each with a way to open it. Stays until closed.
 */
export function ImportItemsModal({ siteId, siteName, orgs, defaultOrgId, onImported, onFindCode, onClose }: ImportItemsModalProps) {
  const [form] = Form.useForm<ImportValues>();
  const { importFile } = useGuideUpload(siteId);
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [incomplete, setIncomplete] = useState<Incomplete[]>([]);
  // Bumped by 继续导入: a fresh file input (a native one cannot be cleared otherwise).
  const [round, setRound] = useState(0);

  const submit = async () => {
    setAlert(null);
    const values = await form.validateFields().catch(() => null);
    if (!values?.file || !values.orgId) return;
    setBusy(true);
    try {
      const r = await importFile(values.file, values.orgId);
      // Find the incomplete items in the refreshed list so each row can open its item.
      const found = r.incomplete.length
        ? await fetchServiceItems(siteId, { incomplete: true, pageSize: 200 }).then(
            (l) => l.items,
            () => [],
          )
        : [];
      setIncomplete(r.incomplete.map((i) => ({ ...i, id: itemIdByCode(found, i.code) })));
      setReport(r);
      onImported();
    } catch (e) {
      const shown = submitErrorDisplay(e, FIELDS);
      applyFieldErrors(form, shown.fields, FIELDS);
      setAlert(shown.alert);
    } finally {
      setBusy(false);
    }
  };

  const failedColumns: TableColumnsType<Failed> = [
    { title: '行号', dataIndex: 'line', key: 'line', width: 80 },
    { title: '列', dataIndex: 'field', key: 'field', width: 140 },
    { title: '问题', dataIndex: 'message', key: 'message' },
  ];
  const incompleteColumns: TableColumnsType<Incomplete> = [
    { title: '行号', dataIndex: 'line', key: 'line', width: 70 },
    { title: '事项编码', dataIndex: 'code', key: 'code', width: 140 },
    { title: '事项名称', dataIndex: 'name', key: 'name' },
    { title: '缺少的要素', key: 'missing', render: (_, i) => elementLabels(i.missing).join('、') },
    {
      title: '操作',
      key: 'open',
      width: 110,
      render: (_, i) =>
        i.id ? (
          <Link to={serviceItemPath(i.id)}>
            补充要素<span className="gk-visually-hidden">{`：${i.name}`}</span>
          </Link>
        ) : (
          <Button type="link" size="small" onClick={() => onFindCode(i.code)}>
            在列表中查找<span className="gk-visually-hidden">{`：${i.name}`}</span>
          </Button>
        ),
    },
  ];

  const footer = report ? (
    <Space>
      <Button
        onClick={() => {
          form.setFieldValue('file', null);
          setRound((n) => n + 1);
          setReport(null);
        }}
      >
        继续导入
      </Button>
      <Button type="primary" onClick={onClose}>
        关闭导入结果
      </Button>
    </Space>
  ) : (
    <Space>
      <Button onClick={onClose} disabled={busy}>
        取消
      </Button>
      <Button type="primary" loading={busy} onClick={() => void submit()}>
        开始导入
      </Button>
    </Space>
  );

  return (
    <Modal
      open
      title={`导入办事事项：${siteName}`}
      footer={footer}
      onCancel={onClose}
      mask={{ closable: false }}
      width={report ? 900 : 640}
    >
      {report ? (
        <div aria-live="polite">
          <Alert
            className="gk-block"
            type={report.failed.length || report.incomplete.length ? 'warning' : 'success'}
            showIcon
            title="导入完成"
            description={importOutcomeText(report)}
          />
          {report.failed.length > 0 && (
            <>
              <h3 className="gk-section-heading">未导入的行</h3>
              <Typography.Paragraph type="secondary">
                以下行有错误，未导入；请在文件中改正后重新导入（已导入的事项按事项编码更新，不会重复）。
              </Typography.Paragraph>
              <Table<Failed>
                className="gk-block"
                size="small"
                rowKey={(f) => `${f.line}:${f.field}:${f.message}`}
                caption={<span className="gk-visually-hidden">未导入的行</span>}
                columns={failedColumns}
                dataSource={report.failed}
                pagination={report.failed.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
              />
            </>
          )}
          {incomplete.length > 0 && (
            <>
              <h3 className="gk-section-heading">要素不全的事项</h3>
              <Typography.Paragraph type="secondary">以下事项已导入，但缺少必备要素，补充后才能发布。</Typography.Paragraph>
              <Table<Incomplete>
                size="small"
                rowKey={(i) => `${i.line}:${i.code}`}
                caption={<span className="gk-visually-hidden">要素不全的事项</span>}
                columns={incompleteColumns}
                dataSource={incomplete}
                pagination={incomplete.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
              />
            </>
          )}
        </div>
      ) : null}
      {/* Kept mounted under the report, so 继续导入 keeps the chosen department. */}
      <div style={report ? { display: 'none' } : undefined}>
        <Typography.Paragraph type="secondary">
          请使用“下载模板”得到的表格填写，每行一个事项；事项编码已存在的行将更新该事项。导入新建或修改的事项须经审核人发布后才在网站上显示。
        </Typography.Paragraph>
        <Form<ImportValues> form={form} name="service-items-import" layout="vertical" initialValues={{ orgId: defaultOrgId, file: null }}>
          <Form.Item
            label="默认所属部门"
            name="orgId"
            rules={[{ required: true, message: '请选择默认所属部门' }]}
            extra="文件中未填写“所属部门”的行，归入此部门。"
          >
            <OrgTreeSelect orgs={orgs} placeholder="请选择部门" />
          </Form.Item>
          <Form.Item
            label="导入文件"
            name="file"
            rules={[{ required: true, message: '请选择要导入的文件' }]}
            extra="XLSX 或 CSV 文件，不超过 10 MB。"
          >
            <SpreadsheetInput key={round} />
          </Form.Item>
        </Form>
        <FormErrorAlert text={alert} />
      </div>
    </Modal>
  );
}
