// Labelled inputs. H5 renders native elements (real <label for>, usable by screen readers and tests);
// the mini-programs render Taro's components, which map to the platform's own.
import { Input, Label, Picker, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

const IS_H5 = process.env.TARO_ENV === 'h5';

interface FieldFrameProps {
  id: string;
  label: string;
  required?: boolean;
  error?: string;
  warning?: string;
  hint?: ReactNode;
  children: ReactNode;
}

function FieldFrame({ id, label, required, error, warning, hint, children }: FieldFrameProps) {
  return (
    <View className={`field${error ? ' field--error' : ''}`} id={`field-${id}`}>
      {IS_H5 ? (
        <label className="field__label" htmlFor={id}>
          {label}
          {required ? <Text className="field__required">*</Text> : null}
        </label>
      ) : (
        <Label className="field__label" for={id}>
          {label}
          {required ? <Text className="field__required">*</Text> : null}
        </Label>
      )}
      {children}
      {hint ? <View className="field__hint">{hint}</View> : null}
      {error ? (
        <View className="field__error" id={`${id}-error`} data-testid={`${id}-error`}>
          {error}
        </View>
      ) : null}
      {warning ? (
        <View className="field__warning" data-testid={`${id}-warning`}>
          {warning}
        </View>
      ) : null}
    </View>
  );
}

export interface TextFieldProps {
  id: string;
  label: string;
  value: string | number | undefined;
  onChange: (value: string) => void;
  onBlur?: () => void;
  kind?: 'text' | 'number' | 'digit' | 'idcard' | 'tel';
  placeholder?: string;
  required?: boolean;
  error?: string;
  warning?: string;
  hint?: ReactNode;
  maxLength?: number;
}

export function TextField(props: TextFieldProps) {
  const { id, value, onChange, onBlur, kind = 'text', placeholder, maxLength } = props;
  const text = value === undefined || value === null ? '' : String(value);
  return (
    <FieldFrame {...props}>
      {IS_H5 ? (
        <input
          className="field__input"
          id={id}
          name={id}
          data-testid={id}
          value={text}
          placeholder={placeholder}
          maxLength={maxLength}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? `${id}-error` : undefined}
          inputMode={
            kind === 'number' ? 'numeric' : kind === 'digit' ? 'decimal' : kind === 'tel' ? 'tel' : undefined
          }
          onChange={(e) => onChange(e.currentTarget.value)}
          onBlur={onBlur}
        />
      ) : (
        <Input
          className="field__input"
          id={id}
          value={text}
          placeholder={placeholder}
          maxlength={maxLength ?? 140}
          type={
            kind === 'tel'
              ? 'number'
              : kind === 'idcard'
                ? 'idcard'
                : kind === 'digit'
                  ? 'digit'
                  : kind === 'number'
                    ? 'number'
                    : 'text'
          }
          onInput={(e) => onChange(e.detail.value)}
          onBlur={onBlur}
        />
      )}
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
}

export interface SelectFieldProps {
  id: string;
  label: string;
  value: string | undefined;
  options: readonly Option[];
  onChange: (value: string) => void;
  required?: boolean;
  error?: string;
  warning?: string;
  hint?: ReactNode;
}

export function SelectField(props: SelectFieldProps) {
  const { id, value, options, onChange } = props;
  const index = options.findIndex((o) => o.value === value);
  return (
    <FieldFrame {...props}>
      {IS_H5 ? (
        <select
          className="field__input"
          id={id}
          name={id}
          data-testid={id}
          value={value ?? ''}
          onChange={(e) => onChange(e.currentTarget.value)}
        >
          <option value="">请选择</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <Picker
          mode="selector"
          range={options.map((o) => o.label)}
          value={index < 0 ? 0 : index}
          onChange={(e) => onChange(options[Number(e.detail.value)]?.value ?? '')}
        >
          <View className="field__input field__picker" id={id}>
            {index >= 0 ? options[index].label : '请选择'}
          </View>
        </Picker>
      )}
    </FieldFrame>
  );
}

export interface DateFieldProps {
  id: string;
  label: string;
  /** YYYY-MM-DD, or YYYY-MM when month */
  value: string | undefined;
  month?: boolean;
  onChange: (value: string) => void;
  required?: boolean;
  error?: string;
  warning?: string;
  hint?: ReactNode;
}

export function DateField(props: DateFieldProps) {
  const { id, value, month, onChange } = props;
  return (
    <FieldFrame {...props}>
      {IS_H5 ? (
        <input
          className="field__input"
          type={month ? 'month' : 'date'}
          id={id}
          name={id}
          data-testid={id}
          value={value ?? ''}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      ) : (
        <Picker
          mode="date"
          fields={month ? 'month' : 'day'}
          value={value ?? ''}
          onChange={(e) => onChange(String(e.detail.value))}
        >
          <View className="field__input field__picker" id={id}>
            {value || '请选择'}
          </View>
        </Picker>
      )}
    </FieldFrame>
  );
}

export interface ChoiceProps {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  description?: ReactNode;
  /** radio look and semantics */
  radio?: boolean;
  name?: string;
}

/** One checkbox or radio with its label and an optional explanation below. */
export function Choice({ id, label, checked, onChange, description, radio, name }: ChoiceProps) {
  if (IS_H5) {
    return (
      <label className={`choice${checked ? ' choice--checked' : ''}`} htmlFor={id}>
        <input
          id={id}
          data-testid={id}
          name={name}
          type={radio ? 'radio' : 'checkbox'}
          checked={checked}
          onChange={(e) => onChange(radio ? true : e.currentTarget.checked)}
        />
        <span className="choice__body">
          <span className="choice__label">{label}</span>
          {description ? <span className="choice__description">{description}</span> : null}
        </span>
      </label>
    );
  }
  return (
    <View
      className={`choice${checked ? ' choice--checked' : ''}`}
      id={id}
      role={radio ? 'radio' : 'checkbox'}
      aria-checked={checked}
      aria-label={label}
      onClick={() => onChange(radio ? true : !checked)}
    >
      <View className={radio ? 'choice__radio' : 'choice__box'}>{checked ? '✓' : ''}</View>
      <View className="choice__body">
        <View className="choice__label">{label}</View>
        {description ? <View className="choice__description">{description}</View> : null}
      </View>
    </View>
  );
}

export function ChoiceGroup({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <View
      className={`field${error ? ' field--error' : ''}`}
      id={`field-${id}`}
      role="group"
      aria-label={label}
    >
      <View className="field__label">{label}</View>
      {children}
      {error ? (
        <View className="field__error" data-testid={`${id}-error`}>
          {error}
        </View>
      ) : null}
    </View>
  );
}
