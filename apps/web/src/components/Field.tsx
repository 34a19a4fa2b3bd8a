import {
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';

export type FieldSpec =
  | { name: string; label: string; kind: 'text' | 'date' | 'email' | 'tel' | 'textarea'; required?: boolean }
  | { name: string; label: string; kind: 'select'; required?: boolean; options: [string, string][] }
  | { name: string; label: string; kind: 'yes-no'; required?: boolean; yesNo: [string, string] };

/** One labelled NL Design System form field, with its error at the field. */
export function Field({
  spec,
  value,
  error,
  onChange,
  idPrefix,
}: {
  spec: FieldSpec;
  value: string;
  error?: string;
  onChange: (value: string) => void;
  idPrefix: string;
}) {
  const id = `${idPrefix}-${spec.name.replace(/\./g, '-')}`;
  const common = {
    id,
    name: spec.name,
    invalid: Boolean(error),
    required: spec.required,
    'aria-describedby': error ? `${id}-error` : undefined,
  };
  let control;
  if (spec.kind === 'select' || spec.kind === 'yes-no') {
    const options: [string, string][] =
      spec.kind === 'select'
        ? spec.options
        : [
            ['true', spec.yesNo[0]],
            ['false', spec.yesNo[1]],
          ];
    control = (
      <Select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
        <SelectOption value="">—</SelectOption>
        {options.map(([v, label]) => (
          <SelectOption key={v} value={v}>
            {label}
          </SelectOption>
        ))}
      </Select>
    );
  } else if (spec.kind === 'textarea') {
    control = <Textarea {...common} rows={3} value={value} onChange={(e) => onChange(e.target.value)} />;
  } else {
    control = <Textbox {...common} type={spec.kind} value={value} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <FormField invalid={Boolean(error)} className="tk-form-field" data-field={spec.name}>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>
          {spec.label}
          {spec.required && <span aria-hidden="true"> *</span>}
        </FormLabel>
      </div>
      <div className="utrecht-form-field__input">{control}</div>
      {error && <FormFieldErrorMessage id={`${id}-error`}>{error}</FormFieldErrorMessage>}
    </FormField>
  );
}
