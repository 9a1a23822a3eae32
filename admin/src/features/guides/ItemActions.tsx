import { App, Button } from 'antd';
import { useState } from 'react';
import { grantsAllow } from '../../../../common/permissions.ts';
import {
  deleteServiceItem,
  markServiceItemReviewed,
  publishServiceItems,
  withdrawServiceItem,
  type ServiceItemView,
} from '../../api/guides.ts';
import { actionErrorText } from '../../lib/formErrors.ts';
import { useCurrentUser } from '../../session/useSession.ts';

export interface ItemActionsProps {
  item: ServiceItemView;
  /** Unsaved changes in the form: publishing would publish the saved guide, not what is shown. */
  dirty: boolean;
  /** The item after an action that answers with it (下线, 标记已复核). */
  onChanged: (item: ServiceItemView) => void;
  /** After 发布 (the item is loaded again). */
  onPublished: () => void;
  onDeleted: () => void;
  /** Why the server refused, for the form's alert (null clears it). */
  onRefused: (text: string | null) => void;
}

type Busy = 'publish' | 'withdraw' | 'reviewed' | 'delete' | null;

/** The decisions on a saved item, each shown only to those who may take it: 发布, 下线, 标记已复核, 删除. */
export function ItemActions({ item, dirty, onChanged, onPublished, onDeleted, onRefused }: ItemActionsProps) {
  const { message, modal } = App.useApp();
  const user = useCurrentUser();
  const [busy, setBusy] = useState<Busy>(null);
  const mayEdit = grantsAllow(user.grants, 'guides.edit', item.siteId);
  const mayPublish = grantsAllow(user.grants, 'guides.publish', item.siteId);

  const run = async (what: Exclude<Busy, null>, action: () => Promise<void>) => {
    onRefused(null);
    setBusy(what);
    try {
      await action();
    } catch (e) {
      onRefused(actionErrorText(e));
    } finally {
      setBusy(null);
    }
  };

  const publish = () =>
    run('publish', async () => {
      const result = await publishServiceItems(item.siteId, [item.id]);
      const refused = result.refused.find((r) => r.id === item.id);
      if (refused) onRefused(`未能发布：${refused.reason}`);
      else void message.success('事项已发布，网站上的办事页面将在稍后更新');
      onPublished();
    });

  const confirm = (title: string, content: string, okText: string, onOk: () => Promise<void>) =>
    modal.confirm({ title, content, okText, okButtonProps: { danger: true }, cancelText: '取消', onOk: () => void onOk() });

  const withdraw = () =>
    confirm('下线该事项？', '下线后网站上不再显示该事项的办事指南；修改后可重新发布。', '下线', () =>
      run('withdraw', async () => {
        onChanged(await withdrawServiceItem(item.id, item.version));
        void message.success('事项已下线');
      }),
    );

  const reviewed = () =>
    run('reviewed', async () => {
      onChanged(await markServiceItemReviewed(item.id, item.version));
      void message.success('已标记为已复核');
    });

  const remove = () =>
    confirm('删除该事项？', '该事项从未发布，删除后不能恢复。', '删除', () =>
      run('delete', async () => {
        await deleteServiceItem(item.id);
        void message.success('事项已删除');
        onDeleted();
      }),
    );

  const canPublish = mayPublish && (item.state !== 'published' || item.changed);
  const disabled = (b: Busy) => busy !== null && busy !== b;
  return (
    <>
      {canPublish && (
        <Button
          type="primary"
          loading={busy === 'publish'}
          disabled={dirty || disabled('publish')}
          title={dirty ? '请先保存修改再发布' : undefined}
          onClick={() => void publish()}
        >
          {item.state === 'published' ? '发布修改' : '发布'}
        </Button>
      )}
      {mayPublish && item.state === 'published' && (
        <Button danger loading={busy === 'withdraw'} disabled={disabled('withdraw')} onClick={withdraw}>
          下线
        </Button>
      )}
      {mayEdit && item.state !== 'withdrawn' && (
        <Button loading={busy === 'reviewed'} disabled={dirty || disabled('reviewed')} onClick={() => void reviewed()}>
          标记已复核
        </Button>
      )}
      {mayEdit && item.state === 'draft' && !item.publishedAt && (
        <Button danger loading={busy === 'delete'} disabled={disabled('delete')} onClick={remove}>
          删除
        </Button>
      )}
    </>
  );
}
