import { dueByLabel, timeLimitLabel } from '@hiring/shared';
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { PageShell } from '../../components/PageShell';
import { KeyValue, StatusTag } from '../../components/CaseSummary';
import { useRemote } from '../../lib/useRemote';
import { DocumentDownloads } from '../../components/DocumentDownloads';
import { goApplication, goHome, goLookup } from '../../routes';
import { api } from '../../services';

export default function Receipt() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { data: app, error } = useRemote(() => api.getApplication(id), [id]);

  return (
    <PageShell testId="receipt">
      <View className="receipt">
        <View className="receipt__icon">✓</View>
        <View className="receipt__title">申请已提交</View>
        <Notice tone="error">{error}</Notice>
        {app ? (
          <>
            <View className="card">
              <KeyValue label="办件编码" valueClass="kv__v--strong kv__v--code" testId="receipt-code">
                {app.code}
              </KeyValue>
              {app.queryPassword ? (
                <KeyValue label="查询密码" valueClass="kv__v--strong" testId="receipt-password">
                  {app.queryPassword}
                </KeyValue>
              ) : null}
              <View className="field__hint">
                请妥善保存办件编码和查询密码：扫描回执上的二维码或在首页“办件查询”中即可查询办理进度，无需登录。
              </View>
              <ActionButton
                id="receipt-copy"
                kind="link"
                onClick={() =>
                  void Taro.setClipboardData({
                    data: `办件编码：${app.code} 查询密码：${app.queryPassword ?? ''}`,
                  })
                }
              >
                复制编码和密码
              </ActionButton>
              <ActionButton id="receipt-lookup" kind="link" onClick={() => goLookup(app.code)}>
                打开办件查询
              </ActionButton>
            </View>
            <DocumentDownloads id={app.id} code={app.code} receipt />
            <View className="card">
              <View className="card__title">接下来</View>
              {app.matters.map((m) => {
                const instant = m.timeLimit === timeLimitLabel(0);
                return (
                  <KeyValue key={m.matter} label={m.label}>
                    <StatusTag status={m.status} label={m.statusLabel} />
                    {m.status === 'returned'
                      ? `${m.agencyLabel}已退回，请在办理进度中按退回原因补正后重新提交`
                      : m.status !== 'completed'
                        ? instant
                          ? `${m.timeLimit}，稍后即可办结`
                          : `${m.agencyLabel}将在 ${m.timeLimit}${m.dueDate ? `（${dueByLabel(m.dueDate, m.dueDateBasis)}）` : ''}`
                        : ''}
                  </KeyValue>
                );
              })}
              {app.reliefDeadline ? (
                <View className="notice notice--warning">
                  缓缴/降缴材料请于 {app.reliefDeadline} 前提交至公积金分中心。
                </View>
              ) : null}
              <View className="field__hint">每个事项办结或退回时，我们会通过消息通知您。</View>
            </View>
            <ActionButton id="receipt-detail" onClick={() => goApplication(app.id)}>
              查看办理进度
            </ActionButton>
          </>
        ) : null}
        <ActionButton id="receipt-home" kind="secondary" onClick={goHome}>
          返回首页
        </ActionButton>
      </View>
    </PageShell>
  );
}
