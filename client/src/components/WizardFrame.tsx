import { View } from '@tarojs/components';
import { useEffect, type ReactNode } from 'react';
import type { DraftState, DraftStore } from '../draft/draftStore';
import { goHome, WIZARD_STEPS, type WizardStep } from '../routes';
import { ActionButton } from './ActionButton';
import { ConflictPanel } from './ConflictPanel';
import { rememberStep } from '../services';
import { PageShell } from './PageShell';
import { SaveStatus } from './SaveStatus';

interface WizardFrameProps {
  step: WizardStep;
  title: string;
  store?: DraftStore;
  state?: DraftState;
  loadError?: string;
  children: ReactNode;
  footer?: ReactNode;
}

/** Progress bar, save state and conflict dialog around one wizard step. */
export function WizardFrame({ step, title, store, state, loadError, children, footer }: WizardFrameProps) {
  const draftId = state?.id;
  useEffect(() => {
    // The single-hire page needs a key; resuming there would be confusing, so resume at the list.
    if (draftId) rememberStep(draftId, step === 'employee' ? 'employees' : step);
  }, [draftId, step]);
  const index = Math.max(
    0,
    WIZARD_STEPS.findIndex((s) => s.step === step),
  );
  const percent = Math.round(((index + 1) / WIZARD_STEPS.length) * 100);
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
          {WIZARD_STEPS.map((s, i) => (
            <View
              key={s.step}
              className={`progress__step${i === index ? ' progress__step--current' : ''}${i < index ? ' progress__step--done' : ''}`}
            >
              {`${'①②③④⑤'[i]}${s.title}`}
            </View>
          ))}
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
      {footer && state?.loaded ? <View className="wizard-foot">{footer}</View> : null}
    </PageShell>
  );
}
