// 窗口受理: a walk-in employer's joint application entered by the clerk, step by step with shared's checks
// (the same as the mini-program's and the bff's), the paper authorization and the original ID cards
// attested, hires read from an ID-card photo. Everything typed stays in the tab until it is taken in.
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { FORM_CHECKBOXES, type Application, type MatterCode } from '@hiring/shared';
import { ApiError } from '../../api/http';
import { submitWalkIn, type WalkInResult } from '../../api/clerk';
import {
  COUNTY_OPTIONS,
  fieldBinder,
  focusFirst,
  issueMap,
  orAbsent,
  SelectField,
  TextField,
  upperCase,
} from '../../components/fields';
import { ErrorBox } from '../../components/Status';
import { useStoredState } from '../../components/useStoredState';
import { useStaff } from '../../session/SessionContext';
import { HiresStep } from './HiresStep';
import {
  endsAttempt,
  newAttemptKey,
  newWalkIn,
  STEPS,
  stepProblems,
  warningsOf,
  type Problem,
  type WalkIn,
} from './walkInModel';
import { PrintButtons } from './PrintButtons';
import { PaperAuthorizationFields, type PaperAuthorization } from './PaperAuthorizationFields';

/** Where the paper authorization's values live in a walk-in (shared's issue paths). */
const WALK_IN_AUTHORIZATION_PATHS = {
  name: 'unit.operator.name',
  idNumber: 'unit.operator.idNumber',
  phone: 'unit.operator.phone',
  reference: 'attestation.reference',
  expiresOn: 'attestation.expiresOn',
  paperSeen: 'attestation.paperAuthorizationSeen',
  idCardSeen: 'attestation.operatorIdCardSeen',
} as const;

export default function WalkInPage() {
  const staff = useStaff();
  const [walkIn, setWalkIn, clearStored] = useStoredState<WalkIn>('walk-in', () => newWalkIn(staff.county));
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  // A second click or Enter before the button shows it is busy must not send a second request.
  const inFlight = useRef(false);
  const [result, setResult] = useState<WalkInResult>();
  const top = useRef<HTMLDivElement>(null);

  const setApplication = (change: (a: Application) => Application) =>
    setWalkIn((w) => ({ ...w, application: change(w.application) }));
  const setUnit = (change: Partial<Application['unit']>) =>
    setApplication((a) => ({ ...a, unit: { ...a.unit, ...change } }));
  const setOperator = (change: Partial<Application['unit']['operator']>) =>
    setApplication((a) => ({ ...a, unit: { ...a.unit, operator: { ...a.unit.operator, ...change } } }));
  const setAttestation = (change: Partial<WalkIn['attestation']>) =>
    setWalkIn((w) => ({ ...w, attestation: { ...w.attestation, ...change } }));
  const setAuthorization = (change: Partial<PaperAuthorization>) => {
    const { reference, expiresOn, paperSeen, idCardSeen, ...operator } = change;
    const attested = {
      reference,
      expiresOn,
      paperAuthorizationSeen: paperSeen,
      operatorIdCardSeen: idCardSeen,
    };
    setOperator(operator);
    setAttestation(Object.fromEntries(Object.entries(attested).filter(([, v]) => v !== undefined)));
  };
  const issues = issueMap(problems);
  const { application, attestation, step } = walkIn;
  const unitField = fieldBinder(application.unit, issues, (field) => `unit.${field}`, setUnit);

  function goTo(next: number) {
    setProblems([]);
    setError(undefined);
    setWalkIn((w) => ({ ...w, step: next }));
    top.current?.scrollIntoView();
  }

  /** Checks the current step; moves on only when it has no problem, else focuses the first one. */
  function advance() {
    const found = stepProblems(walkIn, step);
    setProblems(found);
    if (found.length) {
      requestAnimationFrame(() => focusFirst(found.map((p) => p.path)));
      return;
    }
    goTo(step + 1);
  }

  async function takeIn() {
    if (inFlight.current) return;
    const found = stepProblems(walkIn, 3);
    setProblems(found);
    if (found.length) return;
    const attemptKey = walkIn.attemptKey ?? newAttemptKey();
    setWalkIn((w) => ({ ...w, attemptKey }));
    inFlight.current = true;
    setBusy(true);
    setError(undefined);
    try {
      const taken = await submitWalkIn(walkIn, attemptKey);
      clearStored();
      setResult(taken);
    } catch (e) {
      if (endsAttempt(e)) setWalkIn((w) => ({ ...w, attemptKey: undefined }));
      if (e instanceof ApiError && e.details.length)
        setProblems(e.details.map((d) => ({ path: d.path ?? '', message: d.message })));
      setError(e as Error);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  if (result)
    return (
      <section>
        <h1>窗口受理</h1>
        <div className="panel" data-testid="walk-in-done">
          <h2>已受理</h2>
          <p>
            办件编码 <b data-testid="walk-in-code">{result.code}</b>，{result.unitName}，
            {result.employeeCount} 名员工。 即办事项当场办结，其余事项由各部门在 3 个工作日内办理。
          </p>
          <p>请打印联办申请表一式两份，由经办人签字并加盖单位公章，一份交单位留存；受理回执交经办人。</p>
          <PrintButtons applicationId={result.id} />
          <div className="actions">
            <Link to={`/clerk/applications/${result.id}`}>查看办件</Link>
            <button
              type="button"
              onClick={() => {
                setResult(undefined);
                setWalkIn(newWalkIn(staff.county));
              }}
            >
              受理下一件
            </button>
          </div>
        </div>
      </section>
    );

  return (
    <section>
      <div ref={top} />
      <h1>窗口受理</h1>
      <ol className="stepper" aria-label="受理步骤">
        {STEPS.map((label, i) => (
          <li
            key={label}
            className={i === step ? 'current' : i < step ? 'done' : ''}
            aria-current={i === step ? 'step' : undefined}
          >
            {i < step ? (
              <button type="button" className="link-button" onClick={() => goTo(i)}>
                {i + 1}. {label}
              </button>
            ) : (
              `${i + 1}. ${label}`
            )}
          </li>
        ))}
      </ol>
      <form
        className="panel form"
        noValidate
        data-testid={`walk-in-step-${step}`}
        onSubmit={(e) => {
          e.preventDefault();
          if (step < 3) advance();
          else void takeIn();
        }}
      >
        {step === 0 && (
          <>
            <h2>单位信息</h2>
            <div className="grid">
              <TextField label="统一社会信用代码" {...unitField('uscc', upperCase)} maxLength={18} />
              <TextField label="单位名称" {...unitField('name')} />
              <SelectField
                label="单位所在县（市、区）"
                {...unitField('countyCode', orAbsent)}
                options={COUNTY_OPTIONS}
              />
              <TextField label="单位地址" {...unitField('address')} wide />
              <TextField
                label="单位编码（社保，首次办理可不填）"
                {...unitField('socialInsuranceCode', orAbsent)}
              />
              <TextField
                label="单位账号（公积金，首次办理可不填）"
                {...unitField('housingFundAccount', orAbsent)}
              />
            </div>
            <h2>经办人与纸质授权</h2>
            <PaperAuthorizationFields
              value={{
                ...application.unit.operator,
                reference: attestation.reference,
                expiresOn: attestation.expiresOn,
                paperSeen: attestation.paperAuthorizationSeen,
                idCardSeen: attestation.operatorIdCardSeen,
              }}
              paths={WALK_IN_AUTHORIZATION_PATHS}
              issues={issues}
              onChange={setAuthorization}
            />
          </>
        )}
        {step === 1 && (
          <>
            <h2>办事项目</h2>
            {FORM_CHECKBOXES.map((box) => (
              <label className="check" key={box.label}>
                <input
                  type="checkbox"
                  checked={box.matters.every((m) => application.matters.includes(m))}
                  onChange={(e) =>
                    setApplication((a) => ({
                      ...a,
                      matters: e.target.checked
                        ? [...new Set<MatterCode>([...a.matters, ...box.matters])]
                        : a.matters.filter((m) => !box.matters.includes(m)),
                    }))
                  }
                />
                {box.label}
              </label>
            ))}
            {issues.get('matters') && <p className="field-error">{issues.get('matters')}</p>}
            {application.matters.includes('housingFund') && (
              <SelectField
                label="住房公积金缓缴/降缴"
                path="housingFundRelief"
                issues={issues}
                value={application.housingFundRelief}
                options={[
                  { code: 'none', label: '不申请' },
                  { code: 'defer', label: '申请缓缴' },
                  { code: 'reduce', label: '申请降低缴存比例' },
                ]}
                onChange={(v) =>
                  setApplication((a) => ({
                    ...a,
                    housingFundRelief: (v || 'none') as Application['housingFundRelief'],
                  }))
                }
              />
            )}
          </>
        )}
        {step === 2 && (
          <HiresStep
            application={application}
            seen={attestation.hireIdCardsSeen}
            issues={issues}
            onChange={setApplication}
            onSeen={(seen) => setAttestation({ hireIdCardsSeen: seen })}
          />
        )}
        {step === 3 && <Review walkIn={walkIn} />}
        {problems.length > 0 && (
          <div className="status status-error" role="alert" data-testid="walk-in-problems">
            <p>请先改正以下 {problems.length} 处问题：</p>
            <ul>
              {problems.slice(0, 30).map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          </div>
        )}
        {error && !problems.length && <ErrorBox error={error} />}
        <div className="actions">
          {step > 0 && (
            <button type="button" onClick={() => goTo(step - 1)}>
              上一步
            </button>
          )}
          <button type="submit" className="primary" disabled={busy} data-testid="walk-in-next">
            {step < 3 ? '下一步' : busy ? '正在提交…' : '确认受理并提交各部门'}
          </button>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              if (window.confirm('清空本次录入的全部内容？')) {
                clearStored();
                setProblems([]);
                setWalkIn(newWalkIn(staff.county));
              }
            }}
          >
            清空重填
          </button>
        </div>
      </form>
    </section>
  );
}

function Review({ walkIn }: { walkIn: WalkIn }) {
  const { application, attestation } = walkIn;
  const warnings = warningsOf(application);
  return (
    <>
      <h2>核对</h2>
      <table className="table">
        <tbody>
          <tr>
            <th>单位</th>
            <td>
              {application.unit.name}（{application.unit.uscc}）
            </td>
          </tr>
          <tr>
            <th>地址</th>
            <td>{application.unit.address}</td>
          </tr>
          <tr>
            <th>经办人</th>
            <td>
              {application.unit.operator.name}，纸质授权书 {attestation.reference}，至 {attestation.expiresOn}
            </td>
          </tr>
          <tr>
            <th>办事项目</th>
            <td>
              {FORM_CHECKBOXES.filter((b) => b.matters.some((m) => application.matters.includes(m)))
                .map((b) => b.label)
                .join('；')}
            </td>
          </tr>
          <tr>
            <th>员工</th>
            <td>
              {application.employees.map((e) => e.name).join('、')}（共 {application.employees.length} 人）
            </td>
          </tr>
        </tbody>
      </table>
      {warnings.length > 0 && (
        <div className="notice notice-warn" data-testid="walk-in-warnings">
          <p>请提醒经办人注意：</p>
          <ul>
            {warnings.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
