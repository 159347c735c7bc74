import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import type { Notice } from '../../api/types';
import { ActionButton } from '../../components/ActionButton';
import { PageShell } from '../../components/PageShell';
import { chinaDateTime } from '../../lib/chinaTime';
import { useRemote } from '../../lib/useRemote';
import { goApplication } from '../../routes';
import { api } from '../../services';

export default function Messages() {
  const { data, error, loading, reload } = useRemote(() => api.listNotices(), []);
  const [markingAll, setMarkingAll] = useState(false);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  async function open(notice: Notice) {
    if (!notice.read) await api.readNotice(notice.id).catch(() => undefined);
    if (notice.applicationId) goApplication(notice.applicationId);
    else void reload();
  }

  async function readAll() {
    setMarkingAll(true);
    try {
      await api.readAllNotices();
      await reload();
    } catch {
      void Taro.showToast({ title: '操作失败，请稍后再试', icon: 'none' });
    } finally {
      setMarkingAll(false);
    }
  }

  return (
    <PageShell testId="messages" title="消息">
      {error ? <View className="notice notice--error">{error}</View> : null}
      {loading && !data ? <View className="loading">正在加载…</View> : null}
      {data && data.items.length === 0 ? <View className="empty">暂无消息</View> : null}
      {data?.unread ? (
        <View className="row row--between messages-head">
          <View data-testid="messages-unread">{`${data.unread} 条未读`}</View>
          <ActionButton id="notices-read-all" kind="link" loading={markingAll} onClick={() => void readAll()}>
            全部已读
          </ActionButton>
        </View>
      ) : null}
      {data?.items.map((n, i) => (
        <View
          key={n.id}
          className={`card notice-item${n.read ? '' : ' notice-item--unread'}`}
          data-testid={`notice-${i}`}
          data-read={n.read ? 'true' : 'false'}
          onClick={() => void open(n)}
        >
          <View className="notice-item__title">
            {n.read ? null : <View className="dot" aria-label="未读" />}
            {n.title}
          </View>
          <View className="notice-item__body">{n.body}</View>
          <View className="notice-item__at">{chinaDateTime(n.createdAt)}</View>
        </View>
      ))}
    </PageShell>
  );
}
