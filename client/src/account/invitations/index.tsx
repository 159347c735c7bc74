// 待接受的授权: invitations a legal representative addressed to this account's verified holder.
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton';
import { ListItem } from '../../components/ListItem';
import { PageShell } from '../../components/PageShell';
import { chinaDate } from '../../lib/chinaTime';
import { useRemote } from '../../lib/useRemote';
import { goAccount } from '../../routes';
import { authorityApi } from '../../api/authority';
import { errorText } from '../errorText';
import { confirmRevoke } from '../revoke';
import '../account.css';

export default function InvitationsPage() {
  const { data, error, loading, reload } = useRemote(
    () => Promise.all([authorityApi.identity(), authorityApi.invitations()]),
    [],
  );
  const [identity, invitations] = data ?? [];
  const [busy, setBusy] = useState<string>();

  useDidShow(() => {
    if (data) void reload();
  });

  async function accept(id: string, unitName: string) {
    setBusy(id);
    try {
      await authorityApi.acceptInvitation(id);
      void Taro.showToast({ title: `已接受，可代表${unitName}办理`, icon: 'none' });
      await reload();
    } catch (e) {
      void Taro.showToast({ title: errorText(e), icon: 'none' });
      await reload();
    } finally {
      setBusy(undefined);
    }
  }

  async function decline(id: string) {
    if (await confirmRevoke(id, '拒绝授权', '拒绝后该邀请失效，确定吗？')) await reload();
  }

  return (
    <PageShell testId="invitations">
      {error ? <View className="notice notice--error">{error}</View> : null}
      {loading && !data ? <View className="loading">正在加载…</View> : null}
      {identity && !identity.verified ? (
        <View className="notice notice--warning">
          授权邀请按实名身份发送，请先完成实名核验。
          <ActionButton id="invitations-go-identity" kind="link" onClick={() => goAccount('identity')}>
            去核验 ›
          </ActionButton>
        </View>
      ) : null}
      <View className="card">
        <View className="card__title">待接受的授权</View>
        {invitations && invitations.items.length === 0 ? (
          <View className="empty">暂无待接受的授权</View>
        ) : null}
        {invitations?.items.map((inv, i) => (
          <ListItem
            key={inv.id}
            testId={`invitation-${i}`}
            title={inv.unitName}
            sub={
              <>
                授权至 {inv.expiresAt ? chinaDate(inv.expiresAt) : '—'} · 请于{' '}
                {inv.inviteUntil ? chinaDate(inv.inviteUntil) : '—'} 前接受
              </>
            }
            actions={[
              {
                id: `invitation-${i}-accept`,
                label: '接受',
                loading: busy === inv.id,
                onClick: () => void accept(inv.id, inv.unitName),
              },
              { id: `invitation-${i}-decline`, label: '拒绝', onClick: () => void decline(inv.id) },
            ]}
          />
        ))}
      </View>
    </PageShell>
  );
}
