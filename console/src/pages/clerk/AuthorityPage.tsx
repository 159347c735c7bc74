// 经办人授权登记: an employer brings the paper authorization its legal representative signed; the clerk checks
// it and the operator's ID card and registers the authority, so the operator can then act for the unit in
// the mini-program (the unit-authority issue's path 3). Identity is checked against 公安 by the bff.
import { useState } from 'react';
import { isMainlandMobile, parseIdNumber, todayInChina, validateUscc } from '@hiring/shared';
import { ApiError, call } from '../../api/http';
import type { ApiComponents as components } from '@hiring/shared';
import { issueMap, TextField } from '../../components/fields';
import { ErrorBox } from '../../components/Status';
import { useStoredState } from '../../components/useStoredState';
import { PaperAuthorizationFields, type PaperAuthorization } from './PaperAuthorizationFields';

type Operator = components['schemas']['Operator'];

interface GrantForm extends PaperAuthorization {
  uscc: string;
}

/** The form's own fields are its issue paths. */
const GRANT_PATHS = {
  name: 'name',
  idNumber: 'idNumber',
  phone: 'phone',
  reference: 'reference',
  expiresOn: 'expiresOn',
  paperSeen: 'paperSeen',
  idCardSeen: 'idCardSeen',
} as const;

const EMPTY: GrantForm = {
  uscc: '',
  name: '',
  idNumber: '',
  phone: '',
  expiresOn: '',
  reference: '',
  paperSeen: false,
  idCardSeen: false,
};

function check(form: GrantForm): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (!validateUscc(form.uscc).valid)
    problems.push({ path: 'uscc', message: '统一社会信用代码应为 18 位数字或大写字母' });
  if (!form.name.trim()) problems.push({ path: 'name', message: '请填写经办人姓名' });
  if (!parseIdNumber(form.idNumber)) problems.push({ path: 'idNumber', message: '经办人身份证号不正确' });
  if (!isMainlandMobile(form.phone)) problems.push({ path: 'phone', message: '请填写 11 位手机号码' });
  if (!form.expiresOn) problems.push({ path: 'expiresOn', message: '请选择授权截止日期' });
  else if (form.expiresOn <= todayInChina())
    problems.push({ path: 'expiresOn', message: '授权截止日期应晚于今天' });
  if (!form.reference.trim()) problems.push({ path: 'reference', message: '请填写纸质授权书编号' });
  if (!form.paperSeen)
    problems.push({ path: 'paperSeen', message: '请核验法定代表人签字、加盖公章的纸质授权书原件后勾选' });
  if (!form.idCardSeen) problems.push({ path: 'idCardSeen', message: '请核验经办人身份证原件后勾选' });
  return problems;
}

export default function AuthorityPage() {
  const [form, setForm, clearStored] = useStoredState<GrantForm>('authority', EMPTY);
  const [problems, setProblems] = useState<{ path: string; message: string }[]>([]);
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const [granted, setGranted] = useState<Operator>();
  const [revoked, setRevoked] = useState<string>();
  const issues = issueMap(problems);
  const set = (change: Partial<GrantForm>) => setForm((f) => ({ ...f, ...change }));

  async function submit() {
    setError(undefined);
    const found = check(form);
    setProblems(found);
    if (found.length) return;
    setBusy(true);
    try {
      const operator = await call('post', '/api/v1/staff/authorities', {
        body: {
          uscc: form.uscc,
          name: form.name.trim(),
          idNumber: form.idNumber,
          phone: form.phone,
          expiresOn: form.expiresOn,
          reference: form.reference.trim(),
        },
      });
      clearStored();
      setForm(EMPTY);
      setGranted(operator);
      setRevoked(undefined);
    } catch (e) {
      if (e instanceof ApiError && e.details.length)
        setProblems(e.details.map((d) => ({ path: d.path ?? '', message: d.message })));
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }

  async function revoke(operator: Operator) {
    if (!window.confirm(`撤销 ${operator.unitName} 对经办人 ${operator.name} 的授权？`)) return;
    try {
      const result = await call('post', '/api/v1/staff/authorities/{id}/revoke', {
        path: { id: operator.id },
      });
      setRevoked(result.stateLabel);
    } catch (e) {
      setError(e as Error);
    }
  }

  return (
    <section>
      <h1>经办人授权登记</h1>
      <p className="lead">
        单位经办人持法定代表人签字、加盖单位公章的纸质授权书和本人身份证原件到窗口办理。登记后，经办人即可在小程序中代表该单位申报，至授权截止日期为止。
      </p>
      {granted && (
        <div className="notice notice-ok" role="status" data-testid="authority-granted">
          已登记：{granted.unitName}，经办人 {granted.name}（{granted.idNumber}），{granted.basisLabel}，
          {revoked ?? granted.stateLabel}
          {granted.expiresAt ? `，至 ${granted.expiresAt.slice(0, 10)}` : ''}。
          {!revoked && (
            <button type="button" className="link-button" onClick={() => void revoke(granted)}>
              撤销该授权
            </button>
          )}
        </div>
      )}
      <form
        className="panel form"
        noValidate
        data-testid="authority-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="grid">
          <TextField
            label="统一社会信用代码"
            path="uscc"
            issues={issues}
            value={form.uscc}
            maxLength={18}
            onChange={(v) => set({ uscc: v.toUpperCase() })}
          />
        </div>
        <PaperAuthorizationFields value={form} paths={GRANT_PATHS} issues={issues} onChange={set} />
        {error && <ErrorBox error={error} />}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy} data-testid="authority-submit">
            {busy ? '正在核验身份并登记…' : '登记授权'}
          </button>
        </div>
      </form>
    </section>
  );
}
