import { labelOf, MATTERS } from '@hiring/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton';
import { ListItem } from '../../components/ListItem';
import { Choice } from '../../components/fields';
import { statusClass } from '../../components/MatterTimeline';
import { PageShell } from '../../components/PageShell';
import { chinaDate } from '../../lib/chinaTime';
import { confirm } from '../../lib/confirm';
import { useRemote } from '../../lib/useRemote';
import { goAccount, goApplication, goLookup, goMessages, goWizard } from '../../routes';
import { forgetDraft, handOver, lastStep } from '../../draft/handoff';
import { useLargeFont } from '../../largeFont';
import { api } from '../../services';

export default function Home() {
  const [largeFont, setLargeFont] = useLargeFont();
  const [creating, setCreating] = useState(false);
  const { data, error, loading, reload } = useRemote(
    () => Promise.all([api.listDrafts(), api.listApplications(), api.listNotices()]),
    [],
  );
  const [drafts, applications, notices] = data ?? [];

  useDidShow(() => {
    if (data) void reload();
  });
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  async function create() {
    setCreating(true);
    try {
      const draft = await api.createDraft({ matters: [], housingFundRelief: 'none' });
      handOver(draft);
      goWizard('unit', { id: draft.id });
    } catch (e) {
      void Taro.showToast({ title: e instanceof Error ? e.message : '创建失败', icon: 'none' });
    } finally {
      setCreating(false);
    }
  }

  async function removeDraft(id: string) {
    if (!(await confirm({ title: '删除草稿', content: '删除后无法恢复，确定删除吗？', confirmText: '删除' })))
      return;
    await api.deleteDraft(id).catch(() => undefined);
    forgetDraft(id);
    void reload();
  }

  return (
    <PageShell testId="home">
      <View className="hero">
        <View className="hero__title">员工招聘一件事</View>
        <View className="hero__sub">一次填报，同时办理就业登记、社保医保参保和公积金开户</View>
        <ActionButton id="new-application" loading={creating} onClick={() => void create()}>
          新建申请
        </ActionButton>
        <ActionButton id="open-lookup" kind="link" onClick={() => goLookup()}>
          办件查询（凭办件编码和查询密码，无需登录）
        </ActionButton>
      </View>

      <View className="card">
        <View className="row row--between">
          <View className="card__title">消息</View>
          <ActionButton id="open-messages" kind="link" onClick={goMessages}>
            {notices?.unread ? `${notices.unread} 条未读 ›` : '查看 ›'}
          </ActionButton>
        </View>
      </View>

      {/* Static: the account pages load what they show (the WeChat main package has no room to spare). */}
      <View className="card" data-testid="account-card">
        <View className="row row--between">
          <View className="card__title">我的身份和单位</View>
          <ActionButton id="open-units" kind="link" onClick={() => goAccount('units')}>
            实名核验、单位和授权 ›
          </ActionButton>
        </View>
      </View>

      {error ? (
        <View className="notice notice--error" data-testid="home-error">
          {error}
          <ActionButton id="home-retry" kind="link" onClick={() => void reload()}>
            重试
          </ActionButton>
        </View>
      ) : null}
      {loading && !data ? <View className="loading">正在加载…</View> : null}

      <View className="card" data-testid="draft-list">
        <View className="card__title">我的草稿</View>
        {drafts && drafts.items.length === 0 ? <View className="empty">暂无草稿</View> : null}
        {drafts?.items.map((d, i) => (
          <ListItem
            key={d.id}
            testId={`draft-${i}`}
            title={d.unitName || '未填写单位'}
            sub={
              <>
                {d.employeeCount} 位员工 ·{' '}
                {d.matters.map((m) => labelOf(MATTERS, m)).join('、') || '未选事项'} ·{' '}
                <Text className="nowrap">{`${chinaDate(d.updatedAt)} 保存`}</Text>
              </>
            }
            onOpen={() => goWizard(lastStep(d.id), { id: d.id })}
            actions={[
              {
                id: `draft-${i}-continue`,
                label: '继续填写',
                onClick: () => goWizard(lastStep(d.id), { id: d.id }),
              },
              { id: `draft-${i}-remove`, label: '删除', onClick: () => void removeDraft(d.id) },
            ]}
          />
        ))}
      </View>

      <View className="card" data-testid="application-list">
        <View className="card__title">我的申请</View>
        {applications && applications.items.length === 0 ? (
          <View className="empty">暂无已提交的申请</View>
        ) : null}
        {applications?.items.map((a, i) => (
          <View
            className="list-item"
            key={a.id}
            data-testid={`application-${i}`}
            onClick={() => goApplication(a.id)}
          >
            <View className="list-item__main">
              <View className="list-item__title">{a.unitName}</View>
              <View className="list-item__sub">
                <Text className="nowrap">{a.code}</Text> · {a.employeeCount} 位员工 ·{' '}
                <Text className="nowrap">{`${chinaDate(a.submittedAt)} 提交`}</Text>
              </View>
            </View>
            <View className={statusClass(a.status)} data-testid={`application-${i}-status`}>
              {a.statusLabel}
            </View>
          </View>
        ))}
      </View>

      <View className="card">
        <Choice
          id="large-font"
          label="大字模式"
          checked={largeFont}
          onChange={setLargeFont}
          description="放大页面文字，便于阅读"
        />
      </View>
    </PageShell>
  );
}
