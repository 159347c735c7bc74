// 一窗受理: what the window clerk attests on paper before a walk-in application is taken in — the unit's
// signed authorization for the operator and the original ID cards seen. The console checks it step by step,
// the bff again before it files the application; both ask this module.

export interface WalkInAttestation {
  /** 授权书编号 (the paper's reference). */
  reference: string;
  /** The authorization's last day, YYYY-MM-DD. */
  expiresOn: string;
  paperAuthorizationSeen: boolean;
  operatorIdCardSeen: boolean;
  /** Per hire, in order: the original ID card was seen at the window. */
  hireIdCardsSeen: boolean[];
}

export interface AttestationProblem {
  path: string;
  message: string;
}

/** The paper authorization and the operator's card: what step 1 of the walk-in needs. */
export function authorizationProblems(a: WalkInAttestation, today: string): AttestationProblem[] {
  const problems: AttestationProblem[] = [];
  if (!a.reference.trim()) problems.push({ path: 'attestation.reference', message: '请填写纸质授权书编号' });
  if (!a.expiresOn) problems.push({ path: 'attestation.expiresOn', message: '请填写授权截止日期' });
  else if (a.expiresOn <= today)
    problems.push({ path: 'attestation.expiresOn', message: '授权截止日期应晚于今天' });
  if (!a.paperAuthorizationSeen)
    problems.push({
      path: 'attestation.paperAuthorizationSeen',
      message: '请核验加盖单位公章的纸质授权书原件后勾选',
    });
  if (!a.operatorIdCardSeen)
    problems.push({ path: 'attestation.operatorIdCardSeen', message: '请核验经办人身份证原件后勾选' });
  return problems;
}

/** The hires' original ID cards, one box per hire. */
export function hireCardProblems(a: WalkInAttestation, hires: number): AttestationProblem[] {
  const problems: AttestationProblem[] = [];
  for (let i = 0; i < hires; i++)
    if (!a.hireIdCardsSeen[i])
      problems.push({
        path: `attestation.hireIdCardsSeen[${i}]`,
        message: `请核验第${i + 1}位员工身份证原件后勾选`,
      });
  return problems;
}

/** Everything the window attests for an application with `hires` hires. */
export const attestationProblems = (a: WalkInAttestation, hires: number, today: string) => [
  ...authorizationProblems(a, today),
  ...hireCardProblems(a, hires),
];
