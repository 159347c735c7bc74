// The paper authorization at the window (the unit-authority issue's path 3): the operator named on it, its
// reference and last day, and the clerk's two attestations — the signed and sealed original and the
// operator's ID card seen. The same block on 经办人授权登记 and on 窗口受理; each page says where its values
// live (`paths`, shared's issue paths) and takes the changes.
import { CheckField, fieldBinder, TextField, upperCase, type Issues } from '../../components/fields';

export interface PaperAuthorization {
  name: string;
  idNumber: string;
  phone: string;
  reference: string;
  expiresOn: string;
  paperSeen: boolean;
  idCardSeen: boolean;
}

/** What the clerk ticks, having seen it. */
const ATTESTED = [
  { field: 'paperSeen', label: '已核验法定代表人签字、加盖单位公章的纸质授权书原件' },
  { field: 'idCardSeen', label: '已核验经办人身份证原件，与本人一致' },
] as const;

export function PaperAuthorizationFields({
  value,
  paths,
  issues,
  onChange,
}: {
  value: PaperAuthorization;
  paths: Record<keyof PaperAuthorization, string>;
  issues: Issues;
  onChange(change: Partial<PaperAuthorization>): void;
}) {
  const text = fieldBinder(value, issues, (field) => paths[field], onChange);
  return (
    <>
      <div className="grid">
        <TextField label="经办人姓名" {...text('name')} />
        <TextField label="经办人身份证号" {...text('idNumber', upperCase)} maxLength={18} />
        <TextField label="经办人手机号码" {...text('phone')} inputMode="tel" />
        <TextField label="纸质授权书编号" {...text('reference')} maxLength={40} />
        <TextField label="授权截止日期" type="date" {...text('expiresOn')} />
      </div>
      {ATTESTED.map(({ field, label }) => (
        <CheckField
          key={field}
          path={paths[field]}
          issues={issues}
          checked={value[field]}
          onChange={(v) => onChange({ [field]: v })}
        >
          {label}
        </CheckField>
      ))}
    </>
  );
}
