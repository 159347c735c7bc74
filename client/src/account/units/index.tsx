// 我的单位: the units this account may act for and on what basis; add a unit as its legal representative;
// an operator may end their own authorization here.
import { validateUscc } from '@hiring/shared';
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { ListItem } from '../../components/ListItem';
import { TextField } from '../../components/fields';
import { PageShell } from '../../components/PageShell';
import { chinaDate } from '../../lib/chinaTime';
import { useRemote } from '../../lib/useRemote';
import { goAccount } from '../../routes';
import { authorityApi } from '../../api/authority';
import { useFormAction } from '../useFormAction';
import { confirmRevoke } from '../revoke';
import '../account.css';

/** 授权经办人 of one unit (kept here, not in routes.ts: only this subpackage opens it). */
function goOperators(uscc: string): void {
  void Taro.navigateTo({ url: `/account/operators/index?uscc=${encodeURIComponent(uscc)}` });
}

export default function UnitsPage() {
  const { data, error, loading, reload } = useRemote(
    () => Promise.all([authorityApi.identity(), authorityApi.myUnits(), authorityApi.invitations()]),
    [],
  );
  const [identity, units, invitations] = data ?? [];
  const [uscc, setUscc] = useState('');
  const { busy, message, setMessage, run } = useFormAction();

  useDidShow(() => {
    if (data) void reload();
  });

  async function add() {
    const code = uscc.trim().toUpperCase();
    if (!validateUscc(code).valid) {
      setMessage({ text: '请输入 18 位统一社会信用代码' });
      return;
    }
    await run(async () => {
      const added = await authorityApi.claimUnit(code);
      setUscc('');
      await reload();
      return `已添加“${added.unitName}”，您可以代表该单位办理`;
    }, '添加失败，请稍后重试');
  }

  async function leave(authorityId: string, unitName: string) {
    const content = `退出后您将不能再代表“${unitName}”提交申请，也看不到以前提交的申请。确定退出吗？`;
    if (await confirmRevoke(authorityId, '退出授权', content)) await reload();
  }

  return (
    <PageShell testId="units">
      {error ? <View className="notice notice--error">{error}</View> : null}
      {loading && !data ? <View className="loading">正在加载…</View> : null}
      {identity && !identity.verified ? (
        <View className="notice notice--warning" data-testid="units-identity-required">
          请先完成实名核验，才能添加单位或接受授权。
          <ActionButton id="units-go-identity" kind="link" onClick={() => goAccount('identity')}>
            去核验 ›
          </ActionButton>
        </View>
      ) : null}
      {identity?.verified ? (
        <View className="notice notice--ok" data-testid="units-identity">
          已实名核验：{identity.name}（{identity.idNumber}）
        </View>
      ) : null}

      {invitations?.items.length ? (
        <View className="notice notice--warning" data-testid="units-invitations">
          您有 {invitations.items.length} 个待接受的授权
          <ActionButton id="units-go-invitations" kind="link" onClick={() => goAccount('invitations')}>
            查看 ›
          </ActionButton>
        </View>
      ) : null}

      <View className="card" data-testid="unit-authorities">
        <View className="card__title">可代表办理的单位</View>
        {units && units.items.length === 0 ? <View className="empty">暂无单位</View> : null}
        {units?.items.map((u, i) => (
          <ListItem
            key={u.authorityId}
            testId={`my-unit-${i}`}
            title={u.unitName}
            sub={`${u.uscc} · ${u.basisLabel}${u.expiresAt ? ` · ${chinaDate(u.expiresAt)} 到期` : ''}`}
            actions={[
              u.canAuthorize
                ? { id: `my-unit-${i}-operators`, label: '授权经办人', onClick: () => goOperators(u.uscc) }
                : {
                    id: `my-unit-${i}-leave`,
                    label: '退出授权',
                    onClick: () => void leave(u.authorityId, u.unitName),
                  },
            ]}
          />
        ))}
      </View>

      {identity?.verified ? (
        <View className="card" data-testid="unit-add">
          <View className="card__title">添加单位</View>
          <View className="notice">
            您是单位的法定代表人时，输入统一社会信用代码即可添加（按市场监管登记信息核对）。不是法定代表人的，请由法定代表人在小程序中授权您，或携带法定代表人签署的授权书到人社窗口办理。
          </View>
          <TextField
            id="unit-add-uscc"
            label="统一社会信用代码"
            required
            maxLength={18}
            value={uscc}
            onChange={(v) => setUscc(v.toUpperCase())}
          />
          <Notice tone={message?.ok ? 'ok' : 'error'} testId="unit-add-message">
            {message?.text}
          </Notice>
          <ActionButton id="unit-add-submit" loading={busy} onClick={() => void add()}>
            添加单位
          </ActionButton>
        </View>
      ) : null}
    </PageShell>
  );
}
