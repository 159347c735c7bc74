import { View } from '@tarojs/components';
import { useEffect, type ReactNode } from 'react';
import type { OpenDraft } from '../draft/drafts';
import { rememberStep } from '../draft/handoff';
import {
  adjacentStep,
  goHome,
  goWizard,
  preloadWizard,
  stepBarTarget,
  WIZARD_STEPS,
  type WizardStep,
} from '../routes';
import { ActionButton } from './ActionButton';
import { ConflictPanel } from './ConflictPanel';
import { PageShell } from './PageShell';
import { SaveStatus } from './SaveStatus';

interface WizardFrameProps {
  step: WizardStep;
  title: string;
  /** The step's draft, as useDraft opened it. */
  draft: OpenDraft;
  children: ReactNode;
  /**
   * The standard footer: 上一步 and 下一步 to the neighbouring steps of WIZARD_STEPS. `onNext` returns false
   * to stay (it has pointed at what is missing); `primary` replaces 下一步 (the review's 提交).
   */
  onNext?: () => boolean;
  primary?: ReactNode;
  /** Above the footer's buttons (e.g. why 提交 failed). */
  footerNote?: ReactNode;
  /** A footer of its own instead of the standard one (the single-hire page's 完成). */
  footer?: ReactNode;
}

/** Progress bar, save state, conflict dialog and the footer around one wizard step. */
export function WizardFrame(props: WizardFrameProps) {
  const { step, title, children } = props;
  const { store, state, loadError } = props.draft;
  const draftId = state?.id;
  useEffect(() => {
    // The single-hire page needs a key; resuming there would be confusing, so resume at the list.
    if (draftId) rememberStep(draftId, step === 'employee' ? 'employees' : step);
  }, [draftId, step]);
  useEffect(preloadWizard, []);
  const index = Math.max(
    0,
    WIZARD_STEPS.findIndex((s) => s.step === step),
  );
  const percent = Math.round(((index + 1) / WIZARD_STEPS.length) * 100);
  const go = (to: WizardStep) => {
    void store?.sync();
    goWizard(to, { id: draftId });
  };
  return (
    <PageShell testId={`wizard-${step}`}>
      <View className="wizard-head">
        <View
          className="progress"
          role="progressbar"
          aria-valuemin={1}
          aria-valuemax={WIZARD_STEPS.length}
          aria-valuenow={index + 1}
          aria-label={`第${index + 1}步，共${WIZARD_STEPS.length}步`}
        >
          <View className="progress__bar" style={{ width: `${percent}%` }} />
        </View>
        <View className="progress__steps">
          {WIZARD_STEPS.map((s, i) => {
            // A finished step can be reopened from the bar (④, one hire, opens the list).
            const done = i < index && stepBarTarget(s.step) !== step;
            return (
              <View
                key={s.step}
                className={`progress__step${i === index ? ' progress__step--current' : ''}${done ? ' progress__step--done' : ''}`}
                data-testid={`step-${s.step}`}
                role={done ? 'link' : undefined}
                onClick={done ? () => go(stepBarTarget(s.step)) : undefined}
              >
                {`${'①②③④⑤'[i]}${s.title}`}
              </View>
            );
          })}
        </View>
        <View className="wizard-head__row">
          <View className="wizard-head__title">{title}</View>
          {store && state ? <SaveStatus store={store} state={state} /> : null}
        </View>
      </View>
      {loadError ? (
        <View className="notice notice--error" data-testid="load-error">
          草稿加载失败：{loadError}
          <ActionButton id="load-error-home" kind="link" onClick={goHome}>
            返回首页
          </ActionButton>
        </View>
      ) : null}
      {store && state ? <ConflictPanel store={store} state={state} /> : null}
      {state?.loaded ? (
        <View className="wizard-body">{children}</View>
      ) : !loadError ? (
        <View className="loading">正在加载…</View>
      ) : null}
      {state?.loaded ? <WizardFooter {...props} go={go} /> : null}
    </PageShell>
  );
}

function WizardFooter({
  step,
  onNext,
  primary,
  footerNote,
  footer,
  go,
}: WizardFrameProps & { go: (to: WizardStep) => void }) {
  if (footer) return <View className="wizard-foot">{footer}</View>;
  const prev = adjacentStep(step, -1);
  const next = adjacentStep(step, 1);
  return (
    <View className="wizard-foot">
      {footerNote}
      <View className="row">
        {prev ? (
          <ActionButton id="wizard-prev" kind="secondary" onClick={() => go(prev.step)}>
            上一步
          </ActionButton>
        ) : null}
        {primary ??
          (next ? (
            <ActionButton
              id="wizard-next"
              onClick={() => {
                if (onNext?.() !== false) go(next.step);
              }}
            >
              {`下一步：${next.title}`}
            </ActionButton>
          ) : null)}
      </View>
    </View>
  );
}
