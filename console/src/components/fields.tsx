// Form fields bound to a path of one object, showing shared's issue for that path under the input.
// Issue paths are shared's ("employees[1].phone"); each input's id is derived from it, so the first
// problem can be focused. Plain inputs and selects: Tab, typing and Enter work as in any desktop form.
import type { ReactNode } from 'react';
import { SHANGRAO_COUNTIES, type CodeItem } from '@hiring/shared';

export type Issues = ReadonlyMap<string, string>;

/** The first issue per path, from validateApplication's list. */
export const issueMap = (issues: readonly { path: string; message: string }[]): Issues => {
  const map = new Map<string, string>();
  for (const i of issues) if (!map.has(i.path)) map.set(i.path, i.message);
  return map;
};

export const fieldId = (path: string) => `f-${path.replace(/[^\w]+/g, '-')}`;

/**
 * Binds fields of one object: `bind('name')` gives a field's path (`pathOf('name')`), the issues, the
 * object's value and an onChange handing `{ name: text }` to `onChange`, to spread into a TextField or
 * SelectField. A field that is not free text says how its text becomes a value: `bind('wage', parse)`.
 */
export const fieldBinder =
  <T extends object>(
    values: T,
    issues: Issues,
    pathOf: (field: keyof T & string) => string,
    onChange: (change: Partial<T>) => void,
  ) =>
  <K extends keyof T & string>(
    field: K,
    ...[parse]: string extends T[K] ? [Parser<T[K]>?] : [Parser<T[K]>]
  ) => ({
    path: pathOf(field),
    issues,
    value: values[field],
    onChange: (text: string) => onChange({ [field]: parse ? parse(text) : text } as Partial<T>),
  });

type Parser<V> = (text: string) => V;

/** Codes and ID numbers are typed in upper case (a trailing x of an ID number is an X). */
export const upperCase = (text: string) => text.toUpperCase();
/** An optional field left empty is absent, not an empty string. */
export const orAbsent = (text: string) => text || undefined;

/** Focuses the first field on the page (in reading order) that has a problem, else the first of `paths`. */
export function focusFirst(paths: readonly string[]): void {
  const marked = document.querySelector<HTMLElement>('main [aria-invalid="true"]');
  if (marked) return marked.focus();
  for (const path of paths) {
    const el = document.getElementById(fieldId(path));
    if (el) return el.focus();
  }
}

interface Common {
  label: string;
  path: string;
  issues: Issues;
  wide?: boolean;
  hint?: ReactNode;
}

function Frame({ label, path, issues, wide, hint, children }: Common & { children: ReactNode }) {
  const message = issues.get(path);
  return (
    <div className={`field${wide ? ' wide' : ''}`}>
      <label htmlFor={fieldId(path)}>{label}</label>
      {children}
      {hint && !message && <span className="muted small">{hint}</span>}
      {message && (
        <span className="field-error" id={`${fieldId(path)}-error`}>
          {message}
        </span>
      )}
    </div>
  );
}

export function TextField(
  props: Common & {
    value: string | number | undefined;
    onChange(value: string): void;
    type?: string;
    maxLength?: number;
    inputMode?: 'text' | 'numeric' | 'decimal' | 'tel';
    placeholder?: string;
  },
) {
  const { path, issues, value, onChange, type = 'text', maxLength, inputMode, placeholder } = props;
  return (
    <Frame {...props}>
      <input
        id={fieldId(path)}
        type={type}
        value={value ?? ''}
        maxLength={maxLength}
        inputMode={inputMode}
        placeholder={placeholder}
        aria-invalid={issues.has(path) || undefined}
        aria-describedby={issues.has(path) ? `${fieldId(path)}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </Frame>
  );
}

export function SelectField(
  props: Common & { value: string | undefined; onChange(value: string): void; options: readonly CodeItem[] },
) {
  const { path, issues, value, onChange, options } = props;
  return (
    <Frame {...props}>
      <select
        id={fieldId(path)}
        value={value ?? ''}
        aria-invalid={issues.has(path) || undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        <CodeOptions options={options} />
      </select>
    </Frame>
  );
}

/** A select's options: `none` first (the empty value), then the code list's. */
export function CodeOptions({ options, none = '请选择' }: { options: readonly CodeItem[]; none?: string }) {
  return (
    <>
      <option value="">{none}</option>
      {options.map((o) => (
        <option key={o.code} value={o.code}>
          {o.label}
        </option>
      ))}
    </>
  );
}

/** Shangrao's counties as a code list, for a county select. */
export const COUNTY_OPTIONS: readonly CodeItem[] = Object.entries(SHANGRAO_COUNTIES).map(([code, label]) => ({
  code,
  label,
}));

/** A box the clerk ticks to attest something seen (a paper, an original card). */
export function CheckField({
  path,
  issues,
  checked,
  onChange,
  children,
}: {
  path: string;
  issues: Issues;
  checked: boolean;
  onChange(value: boolean): void;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label className="check">
        <input
          id={fieldId(path)}
          type="checkbox"
          checked={checked}
          aria-invalid={issues.has(path) || undefined}
          onChange={(e) => onChange(e.target.checked)}
        />
        {children}
      </label>
      {issues.get(path) && <span className="field-error">{issues.get(path)}</span>}
    </div>
  );
}
