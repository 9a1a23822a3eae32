import { Drawer } from 'antd';
import type { ChannelView } from '../../api/interaction.ts';
import type { Org } from '../../api/orgs.ts';
import { useGuardedClose } from '../../lib/useGuardedClose.ts';
import { ChannelForm } from './ChannelForm.tsx';

export interface ChannelDrawerProps {
  siteId: string;
  /** null: closed; no channel: open a new one. */
  target: { channel?: ChannelView } | null;
  orgs: readonly Org[];
  onSaved: (channel: ChannelView) => void;
  onClose: () => void;
}

/** The channel form in a drawer; the form is mounted only while open, and closing with changes asks first. */
export function ChannelDrawer({ siteId, target, orgs, onSaved, onClose }: ChannelDrawerProps) {
  const { setDirty, close, cancel } = useGuardedClose(onClose, {
    title: '放弃未保存的修改？',
    content: '已填写的内容将不会保存。',
    cancelText: '继续编辑',
  });
  return (
    <Drawer
      open={target !== null}
      title={target?.channel ? `编辑渠道：${target.channel.name}` : '新增互动渠道'}
      size={720}
      onClose={cancel}
      destroyOnHidden
    >
      {target ? (
        <ChannelForm
          key={target.channel?.id ?? 'new'}
          siteId={siteId}
          orgs={orgs}
          {...(target.channel ? { channel: target.channel } : {})}
          onDirtyChange={setDirty}
          onCancel={cancel}
          onSaved={(channel) => {
            close();
            onSaved(channel);
          }}
        />
      ) : null}
    </Drawer>
  );
}
