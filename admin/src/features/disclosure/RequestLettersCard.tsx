import { Button, Card, Input, InputNumber, Select, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { consultationLetterUrl, feeNoticeUrl } from '../../api/disclosure-handling.ts';

/**
 * The letters an open request sends out before its reply, as DOCX: the 征求意见函 to a third
 * party or other agencies (条例 32–34), and the 收费通知书 with the amount of the fee rule.
 */
export function RequestLettersCard({ requestId }: { requestId: string }) {
  const [party, setParty] = useState<'thirdParty' | 'agencies'>('thirdParty');
  const [addressee, setAddressee] = useState('');
  const [mode, setMode] = useState<'byCount' | 'byVolume'>('byCount');
  const [quantity, setQuantity] = useState<number | null>(null);
  const name = addressee.trim();
  const fee = quantity === null ? null : mode === 'byCount' ? { mode, items: quantity } : { mode, pages: quantity };
  return (
    <Card title="文书" size="small" style={{ marginTop: 16 }}>
      <Typography.Title level={5}>征求意见函</Typography.Title>
      <Space wrap>
        <Select
          aria-label="征求意见对象"
          value={party}
          onChange={setParty}
          options={[
            { value: 'thirdParty', label: '第三方（条例第三十二条）' },
            { value: 'agencies', label: '有关行政机关（条例第三十三条、第三十四条）' },
          ]}
          style={{ width: 320 }}
        />
        <Input
          aria-label="征求意见对象名称"
          placeholder="征求意见对象名称"
          value={addressee}
          onChange={(e) => setAddressee(e.target.value)}
          maxLength={100}
          style={{ width: 260 }}
        />
        <Button
          icon={<DownloadOutlined />}
          disabled={!name}
          href={name ? consultationLetterUrl(requestId, party, name) : undefined}
          download
        >
          下载征求意见函（DOCX）
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        征求意见函不载明申请人的个人信息。
      </Typography.Paragraph>
      <Typography.Title level={5}>收费通知书</Typography.Title>
      <Space wrap>
        <Select
          aria-label="计收方式"
          value={mode}
          onChange={setMode}
          options={[
            { value: 'byCount', label: '按件计收（本次申请件数）' },
            { value: 'byVolume', label: '按量计收（页数）' },
          ]}
          style={{ width: 240 }}
        />
        <InputNumber
          aria-label={mode === 'byCount' ? '本次申请件数' : '页数'}
          min={mode === 'byCount' ? 1 : 0}
          max={mode === 'byCount' ? 10_000 : 1_000_000}
          precision={0}
          value={quantity}
          onChange={(v) => setQuantity(typeof v === 'number' ? v : null)}
          placeholder={mode === 'byCount' ? '件数' : '页数'}
        />
        <Button icon={<DownloadOutlined />} disabled={!fee} href={fee ? feeNoticeUrl(requestId, fee) : undefined} download>
          下载收费通知书（DOCX）
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        按件计收时，同一申请人本月此前的申请件数由系统自动计入；金额不足起收标准的不需发出收费通知书。
      </Typography.Paragraph>
    </Card>
  );
}
