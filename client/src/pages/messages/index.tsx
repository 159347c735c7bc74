import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { Notice } from '../../api/types';
import { PageShell } from '../../components/PageShell';
import { chinaDateTime } from '../../lib/chinaTime';
import { useRemote } from '../../lib/useRemote';
import { goApplication } from '../../routes';
import { api } from '../../services';

export default function Messages() {
  const { data, error, loading, reload } = useRemote(() => api.listNotices(), []);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  async function open(notice: Notice) {
    if (!notice.read) await api.readNotice(notice.id).catch(() => undefined);
    if (notice.applicationId) goApplication(notice.applicationId);
    else void reload();
  }

  return (
    <PageShell testId="messages">
      {error ? <View className="notice notice--error">{error}</View> : null}
      {loading && !data ? <View className="loading">正在加载…</View> : null}
      {data && data.items.length === 0 ? <View className="empty">暂无消息</View> : null}
      {data?.items.map((n, i) => (
        <View
          key={n.id}
          className={`card notice-item${n.read ? '' : ' notice-item--unread'}`}
          data-testid={`notice-${i}`}
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
