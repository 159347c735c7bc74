// 来源: the document an administrator's entry rests on (a State Council notice, a provincial file), named
// with its 文号; the bff keeps at most 200 characters of it and shows it next to the values.
export function SourceField({
  label,
  value,
  onChange,
  placeholder,
  testId,
}: {
  label: string;
  value: string;
  onChange(source: string): void;
  placeholder?: string;
  testId: string;
}) {
  return (
    <label className="field wide">
      {label}
      <input
        value={value}
        maxLength={200}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        data-testid={testId}
      />
    </label>
  );
}
