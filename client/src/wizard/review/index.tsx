import { labelOf, MATTERS, maskDocumentNumber } from '@hiring/shared';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ApiError, newIdempotencyKey } from '../../api/client';
import type { Issue } from '../../api/types';
import { ActionButton } from '../../components/ActionButton';
import { WizardFrame } from '../../components/WizardFrame';
import { describePath, locateIssue, setByIdentity, useValidation } from '../../lib/validation';
import { failureText } from '../../lib/failureText';
import { platform } from '../../platform';
import { goAccount, goReceipt, goWizard } from '../../routes';
import { useDraft } from '../../draft/drafts';
import { forgetDraft } from '../../draft/handoff';
import { api } from '../../services';

function submitKeyName(draftId: string): string {
  return `hiring:submitKey:${draftId}`;
}

export default function ReviewStep() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const draft = useDraft(id);
  const { store, state } = draft;
  const validation = useValidation(state?.application);
  const [serverIssues, setServerIssues] = useState<Issue[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [message, setMessage] = useState<string>();
  /** A 403 from the authority check: where to go to be allowed to submit. */
  const [needs, setNeeds] = useState<'identity' | 'units'>();
  const app = state?.application;

  // The bff may know more than the device (e.g. a unit that is not registered); ask once the copy is saved.
  useEffect(() => {
    if (!store || state?.status !== 'saved') return;
    api
      .validateDraft(id)
      .then((r) => setServerIssues(r.errors.filter((i) => !setByIdentity(i.path))))
      .catch(() => setServerIssues([]));
  }, [store, id, state?.status, state?.version]);

  const localErrors = validation?.errors ?? [];
  const errors = [
    ...localErrors,
    ...serverIssues.filter((s) => !localErrors.some((l) => l.path === s.path && l.message === s.message)),
  ];
  const warnings = validation?.warnings ?? [];

  function open(issue: Issue) {
    const at = locateIssue(issue.path);
    if (at.page === 'employee' && at.index !== undefined) {
      const key = app?.employees?.[at.index]?.key;
      goWizard('employee', { id, key, focus: at.fieldId });
    } else {
      goWizard(at.page, { id, focus: at.fieldId });
    }
  }

  async function submit() {
    if (!store || submitting) return;
    setMessage(undefined);
    setNeeds(undefined);
    // The consent dialog must open straight from the tap, before any await, or WeChat refuses it.
    const consent = platform().requestSubscribe(SUBSCRIBE_TEMPLATE_IDS);
    setSubmitting(true);
    try {
      const accepted = await consent;
      if (accepted.length) await api.subscribe(accepted).catch(() => undefined);
      await store.sync();
      const synced = store.getState();
      if (synced.status !== 'saved') {
        setMessage(synced.status === 'offline' ? '网络不可用，恢复后再提交' : '草稿尚未保存成功，请稍后再试');
        return;
      }
      // The same key across retries lets the bff recognise a resubmission after a lost response.
      const storage = platform().storage;
      const idemKey = storage.get<string>(submitKeyName(id)) ?? newIdempotencyKey();
      storage.set(submitKeyName(id), idemKey);
      const application = await api.submitDraft(id, idemKey, synced.version);
      storage.remove(submitKeyName(id));
      forgetDraft(id);
      goReceipt(application.id);
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && e.details.length) {
        setServerIssues(e.details.map((d) => ({ ...d, code: d.code ?? 'invalid' })));
        setMessage('提交未通过校验，请按下列提示修改');
      } else if (
        e instanceof ApiError &&
        (e.code === 'IDENTITY_REQUIRED' || e.code === 'UNIT_AUTHORITY_REQUIRED')
      ) {
        // Not this draft's fault: the account may not act for the unit yet. The draft stays as it is.
        setNeeds(e.code === 'IDENTITY_REQUIRED' ? 'identity' : 'units');
        setMessage(e.message);
      } else if (e instanceof ApiError && e.code === 'IDEMPOTENCY_KEY_REUSED') {
        platform().storage.remove(submitKeyName(id));
        setMessage('申请内容已变化，请再次点击提交');
      } else {
        setMessage(failureText(e, '网络不可用，请恢复网络后再次提交（不会重复提交）', '提交失败'));
      }
    } finally {
      setSubmitting(false);
    }
  }

  const IssueList = ({ items, kind }: { items: Issue[]; kind: 'error' | 'warning' }) => (
    <View data-testid={`review-${kind}s`}>
      {items.map((issue, i) => (
        <View
          key={`${issue.path}-${i}`}
          className={`issue issue--${kind}`}
          id={`${kind}-${i}`}
          data-testid={`review-${kind}`}
          data-path={issue.path}
          role="link"
          onClick={() => open(issue)}
        >
          <View className="issue__where">{describePath(issue.path)}</View>
          <View className="issue__message">{issue.message}</View>
          <View className="issue__go">去修改 ›</View>
        </View>
      ))}
    </View>
  );

  return (
    <WizardFrame
      step="review"
      title="⑤ 核对提交"
      draft={draft}
      footerNote={
        message ? (
          <View className="notice notice--error" data-testid="submit-message">
            {message}
            {needs ? (
              <ActionButton id="submit-fix-authority" kind="link" onClick={() => goAccount(needs)}>
                {needs === 'identity' ? '去实名核验 ›' : '去我的单位 ›'}
              </ActionButton>
            ) : null}
          </View>
        ) : null
      }
      primary={
        <ActionButton
          id="submit"
          disabled={errors.length > 0}
          loading={submitting}
          onClick={() => void submit()}
        >
          {errors.length > 0 ? `还有 ${errors.length} 处需修改` : '确认提交'}
        </ActionButton>
      }
    >
      {errors.length > 0 ? (
        <View className="card">
          <View className="card__title card__title--error">请修改以下 {errors.length} 处后再提交</View>
          <IssueList items={errors} kind="error" />
        </View>
      ) : (
        <View className="notice notice--ok" data-testid="review-ok">
          已通过检查，可以提交。
        </View>
      )}
      {warnings.length > 0 ? (
        <View className="card">
          <View className="card__title card__title--warning">请留意</View>
          <IssueList items={warnings} kind="warning" />
        </View>
      ) : null}
      <View className="card" data-testid="review-summary">
        <View className="card__title">申请概要</View>
        <View className="kv">
          <View className="kv__k">单位</View>
          <View className="kv__v">{app?.unit?.name || '（未填）'}</View>
        </View>
        <View className="kv">
          <View className="kv__k">办理事项</View>
          <View className="kv__v">
            {(app?.matters ?? []).map((m) => labelOf(MATTERS, m)).join('、') || '（未选）'}
          </View>
        </View>
        {(app?.employees ?? []).map((e, i) => (
          <View className="kv" key={e.key}>
            <View className="kv__k">员工 {i + 1}</View>
            <View className="kv__v">
              {e.name || '（未填姓名）'} {e.idNumber ? maskDocumentNumber(e.idNumber) : ''}
            </View>
          </View>
        ))}
      </View>
    </WizardFrame>
  );
}
