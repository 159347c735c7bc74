// The wizard's steps in order, and where 上一步/下一步 and the step bar lead (pure, for tests too).
export type WizardStep = 'unit' | 'matters' | 'employees' | 'employee' | 'review';

export const WIZARD_STEPS: readonly { step: WizardStep; title: string }[] = [
  { step: 'unit', title: '单位信息' },
  { step: 'matters', title: '办理事项' },
  { step: 'employees', title: '新员工' },
  { step: 'employee', title: '员工信息' },
  { step: 'review', title: '核对提交' },
];

/** 上一步/下一步 walk the steps in this order; a single hire (④) is opened from the list, not walked to. */
const FLOW = WIZARD_STEPS.filter((s) => s.step !== 'employee');

/** The step 上一步 (-1) or 下一步 (+1) leads to, if any. */
export function adjacentStep(
  step: WizardStep,
  direction: -1 | 1,
): { step: WizardStep; title: string } | undefined {
  const at = FLOW.findIndex((s) => s.step === (step === 'employee' ? 'employees' : step));
  return at < 0 ? undefined : FLOW[at + direction];
}

/** Where tapping a step in the step bar goes: ④ is one hire, so its tap opens the list. */
export function stepBarTarget(step: WizardStep): WizardStep {
  return step === 'employee' ? 'employees' : step;
}
