// The hires of a walk-in application: one block per hire with the columns the chosen matters need
// (shared's employeeFieldsFor), each readable from an ID-card photo (scanner file or desktop camera) through
// the OCR route; what the OCR is unsure of is left empty and named, for the clerk to check on the card.
import { useState } from 'react';
import {
  ROW_CODE_LISTS,
  employeeFieldsFor,
  type Application,
  type EmployeeRow,
  type InsuranceType,
} from '@hiring/shared';
import { readIdCardPhoto } from '../../api/clerk';
import {
  CheckField,
  fieldBinder,
  orAbsent,
  SelectField,
  TextField,
  upperCase,
  type Issues,
} from '../../components/fields';
import { newHire } from './walkInModel';

const OCR_FIELD_LABELS: Record<string, string> = {
  idNumber: '身份证号码',
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  address: '户籍地址',
};

/** The 公积金 columns of a hire, typed as numbers. */
const HOUSING_FUND_AMOUNTS = [
  { part: 'base', label: '公积金月缴存基数（元）' },
  { part: 'unitRatio', label: '单位缴存比例（%）' },
  { part: 'personalRatio', label: '个人缴存比例（%）' },
] as const;

/** The ID type chosen, 居民身份证 when the choice is cleared. */
const asIdType = (text: string) => (text || 'resident') as EmployeeRow['idType'];

/** A number when the text is one, else the text (shared then says what is wrong with it). */
const numberOrText = (text: string): number | string | undefined =>
  text.trim() === '' ? undefined : Number.isFinite(Number(text)) ? Number(text) : text;

export function HiresStep({
  application,
  seen,
  issues,
  onChange,
  onSeen,
}: {
  application: Application;
  seen: boolean[];
  issues: Issues;
  onChange(change: (a: Application) => Application): void;
  onSeen(seen: boolean[]): void;
}) {
  const { matters, employees } = application;
  const needed = new Set(employeeFieldsFor(matters));
  const setHire = (index: number, change: Partial<EmployeeRow>) =>
    onChange((a) => ({
      ...a,
      employees: a.employees.map((e, i) => (i === index ? { ...e, ...change } : e)),
    }));
  const remove = (index: number) => {
    onChange((a) => ({ ...a, employees: a.employees.filter((_, i) => i !== index) }));
    onSeen(seen.filter((_, i) => i !== index));
  };
  return (
    <>
      <h2>员工信息（{employees.length} 人）</h2>
      {issues.get('employees') && <p className="field-error">{issues.get('employees')}</p>}
      {employees.map((hire, index) => (
        <HireForm
          key={index}
          index={index}
          hire={hire}
          needed={needed}
          matters={matters}
          issues={issues}
          seen={!!seen[index]}
          onChange={(change) => setHire(index, change)}
          onSeen={(value) => onSeen(employees.map((_, i) => (i === index ? value : !!seen[i])))}
          onRemove={() => remove(index)}
        />
      ))}
      <button
        type="button"
        data-testid="add-hire"
        onClick={() => {
          onChange((a) => ({ ...a, employees: [...a.employees, newHire(a.matters)] }));
          onSeen([...employees.map((_, i) => !!seen[i]), false]);
          requestAnimationFrame(() => document.getElementById(`hire-${employees.length}-photo`)?.focus());
        }}
      >
        添加员工
      </button>
    </>
  );
}

function HireForm({
  index,
  hire,
  needed,
  matters,
  issues,
  seen,
  onChange,
  onSeen,
  onRemove,
}: {
  index: number;
  hire: EmployeeRow;
  needed: Set<keyof EmployeeRow>;
  matters: Application['matters'];
  issues: Issues;
  seen: boolean;
  onChange(change: Partial<EmployeeRow>): void;
  onSeen(value: boolean): void;
  onRemove(): void;
}) {
  const p = (field: string) => `employees[${index}].${field}`;
  const hireField = fieldBinder(hire, issues, p, onChange);
  const [reading, setReading] = useState<{ busy: boolean; message?: string; error?: string }>({
    busy: false,
  });
  const insuranceChoices = ROW_CODE_LISTS.insuranceTypes.filter((t) => matters.includes(t.matter));

  async function readPhoto(file: File | undefined) {
    if (!file) return;
    setReading({ busy: true });
    try {
      const r = await readIdCardPhoto(file);
      onChange({
        idType: 'resident',
        ...(r.idNumber ? { idNumber: r.idNumber } : {}),
        ...(r.name ? { name: r.name } : {}),
        ...(r.gender ? { gender: r.gender } : {}),
        ...(r.ethnicity ? { ethnicity: r.ethnicity } : {}),
        ...(r.address ? { hukouAddress: r.address } : {}),
      });
      const doubts = r.needsCheck.map((c) => `${OCR_FIELD_LABELS[c.field] ?? c.field}：${c.reason}`);
      setReading({
        busy: false,
        message: doubts.length
          ? `已读取，请对照证件核对：${doubts.join('；')}`
          : `已读取${r.verified ? '，身份证号码校验通过' : ''}，请对照证件核对。`,
      });
    } catch (e) {
      setReading({ busy: false, error: (e as Error).message });
    }
  }

  return (
    <fieldset className="hire" data-testid={`hire-${index}`}>
      <legend>
        第 {index + 1} 位员工{hire.name ? `：${hire.name}` : ''}
      </legend>
      <div className="ocr-row">
        <label className="file-button">
          <input
            id={`hire-${index}-photo`}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            data-testid={`hire-${index}-photo`}
            onChange={(e) => {
              void readPhoto(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
          {reading.busy ? '正在识别身份证…' : '读取身份证人像面（扫描件或拍照）'}
        </label>
        {reading.busy && <span className="spinner" aria-hidden="true" />}
        {reading.message && (
          <span className="muted" role="status" data-testid={`hire-${index}-ocr`}>
            {reading.message}
          </span>
        )}
        {reading.error && (
          <span className="field-error" role="alert" data-testid={`hire-${index}-ocr-error`}>
            {reading.error}
          </span>
        )}
        <button type="button" className="link-button" onClick={onRemove}>
          删除该员工
        </button>
      </div>
      <div className="grid">
        <SelectField label="证件类型" {...hireField('idType', asIdType)} options={ROW_CODE_LISTS.idType} />
        <TextField label="证件号码" {...hireField('idNumber', upperCase)} maxLength={18} />
        <TextField label="姓名" {...hireField('name')} />
        <SelectField label="民族" {...hireField('ethnicity')} options={ROW_CODE_LISTS.ethnicity} />
        <SelectField
          label="性别"
          {...hireField('gender', (v) => v as EmployeeRow['gender'])}
          options={ROW_CODE_LISTS.gender}
        />
        <SelectField
          label="户口性质"
          {...hireField('hukouType', (v) => v as EmployeeRow['hukouType'])}
          options={ROW_CODE_LISTS.hukouType}
        />
        {hire.idType && hire.idType !== 'resident' && (
          <TextField label="出生日期" type="date" {...hireField('birthDate', orAbsent)} />
        )}
        <TextField label="户籍地址" {...hireField('hukouAddress')} wide />
        <TextField label="手机号码" {...hireField('phone')} inputMode="tel" />
        <TextField label="通讯地址" {...hireField('address')} wide />
        {needed.has('wage') && (
          <TextField
            label="申报工资（元/月）"
            {...hireField('wage', (v) => numberOrText(v) as number)}
            inputMode="decimal"
          />
        )}
        {needed.has('insuredFrom') && (
          <TextField label="本次参保时间" type="month" {...hireField('insuredFrom', orAbsent)} />
        )}
        {needed.has('contract') && (
          <>
            <TextField
              label="劳动合同起始日期"
              type="date"
              path={p('contract.start')}
              issues={issues}
              value={hire.contract?.start}
              onChange={(v) => onChange({ contract: { ...hire.contract, start: v } })}
            />
            <TextField
              label="劳动合同终止日期（无固定期限不填）"
              type="date"
              path={p('contract.end')}
              issues={issues}
              value={hire.contract?.end ?? ''}
              onChange={(v) => onChange({ contract: { start: hire.contract?.start ?? '', end: v || null } })}
            />
          </>
        )}
        {needed.has('housingFund') &&
          HOUSING_FUND_AMOUNTS.map(({ part, label }) => (
            <TextField
              key={part}
              label={label}
              path={p(`housingFund.${part}`)}
              issues={issues}
              value={hire.housingFund?.[part]}
              inputMode="decimal"
              onChange={(v) =>
                onChange({ housingFund: { ...hire.housingFund!, [part]: numberOrText(v) as number } })
              }
            />
          ))}
        {needed.has('occupation') && (
          <TextField label="职业（工种）" {...hireField('occupation', orAbsent)} />
        )}
        {needed.has('education') && (
          <SelectField
            label="学历"
            {...hireField('education', orAbsent)}
            options={ROW_CODE_LISTS.education}
          />
        )}
        {needed.has('workAddress') && (
          <TextField label="工作地址" {...hireField('workAddress', orAbsent)} wide />
        )}
      </div>
      {insuranceChoices.length > 0 && (
        <div className="field">
          <span>险种</span>
          <div className="checks">
            {insuranceChoices.map((t) => (
              <label className="check" key={t.code}>
                <input
                  type="checkbox"
                  checked={hire.insuranceTypes?.includes(t.code) ?? false}
                  onChange={(e) => {
                    const current = new Set<InsuranceType>(hire.insuranceTypes ?? []);
                    if (e.target.checked) current.add(t.code);
                    else current.delete(t.code);
                    onChange({
                      insuranceTypes: ROW_CODE_LISTS.insuranceTypes
                        .map((x) => x.code)
                        .filter((c) => current.has(c)),
                    });
                  }}
                />
                {t.label}
              </label>
            ))}
          </div>
          {issues.get(p('insuranceTypes')) && (
            <span className="field-error">{issues.get(p('insuranceTypes'))}</span>
          )}
        </div>
      )}
      <CheckField
        path={`attestation.hireIdCardsSeen[${index}]`}
        issues={issues}
        checked={seen}
        onChange={onSeen}
      >
        已核验该员工身份证原件
      </CheckField>
    </fieldset>
  );
}
