// The console's form frames: a form that stays on its page when submitted, the search bar of a list page
// with its text criteria, and the 自 … 至 … date range of a search or a statistics period.
import type { FormHTMLAttributes, InputHTMLAttributes, ReactNode } from 'react';

/** A form whose submit (a button, Enter in a field) runs `onSubmit` instead of loading another page. */
export function Form({
  onSubmit,
  ...props
}: Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> & { onSubmit(): void }) {
  return (
    <form
      {...props}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    />
  );
}

/** A list page's criteria in one row and its 查询 button (`${name}-form`, `${name}-submit` for tests). */
export function SearchForm({
  name,
  onSearch,
  children,
}: {
  name: string;
  onSearch(): void;
  children: ReactNode;
}) {
  return (
    <Form className="inline-form panel" data-testid={`${name}-form`} onSubmit={onSearch}>
      {children}
      <button type="submit" className="primary" data-testid={`${name}-submit`}>
        查询
      </button>
    </Form>
  );
}

/** A text criterion of a SearchForm, its label over the input. */
export function TextCriterion({
  label,
  value,
  onChange,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  label: string;
  value: string | undefined;
  onChange(value: string): void;
}) {
  return (
    <label>
      {label}
      <input {...input} value={value ?? ''} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** `label 自 [date] 至 [date]`; `testId` names the inputs `${testId}-from` and `${testId}-to`. */
export function DateRangeFields({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: { from?: string; to?: string };
  onChange(change: { from?: string; to?: string }): void;
  testId?: string;
}) {
  return (
    <>
      {(['from', 'to'] as const).map((end) => (
        <label key={end}>
          {end === 'from' ? `${label} 自` : '至'}
          <input
            type="date"
            value={value[end] ?? ''}
            onChange={(e) => onChange({ [end]: e.target.value })}
            data-testid={testId && `${testId}-${end}`}
          />
        </label>
      ))}
    </>
  );
}
