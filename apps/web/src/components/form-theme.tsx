import type {
  ErrorSchema,
  FieldTemplateProps,
  ObjectFieldTemplateProps,
  RegistryWidgetsType,
  WidgetProps,
} from '@rjsf/utils';
import { createPrecompiledValidator } from '@rjsf/validator-ajv8';
import { FORMS } from '../generated';
import {
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import { type ApiError } from '../api/client';

/** The field path of an rjsf id (`root_data_needs_id` → `data.needs.id`). */
export const pathOf = (id: string) =>
  id
    .replace(/^root_?/, '')
    .split('_')
    .filter(Boolean)
    .join('.');

/** Label of a form field in the UI language, from the field path. */
export type Labeller = (path: string, fallback: string) => string;

/**
 * rjsf's field frame as an NL Design System form field: the label, the control, and each error at its field
 * (`aria-invalid` and `aria-describedby` on the control).
 */
export function FieldTemplate(props: FieldTemplateProps) {
  const { id, label, children, rawErrors = [], hidden, required, displayLabel, schema, registry } = props;
  if (hidden) return <div hidden>{children}</div>;
  const labeller = (registry.formContext as { label?: Labeller } | undefined)?.label;
  const text = labeller ? labeller(pathOf(id), label) : label;
  const isGroup = schema.type === 'object' || schema.type === 'array';
  if (isGroup) return <div className="tk-form-group">{children}</div>;
  // rjsf leaves the label of a boolean to its checkbox; ours is a yes/no select, which needs the field's label.
  const showLabel = displayLabel !== false || schema.type === 'boolean';
  return (
    <FormField invalid={rawErrors.length > 0} className="tk-form-field" data-field={pathOf(id)}>
      {showLabel && (
        <div className="utrecht-form-field__label">
          <FormLabel htmlFor={id}>
            {text}
            {required && <span aria-hidden="true"> *</span>}
          </FormLabel>
        </div>
      )}
      <div className="utrecht-form-field__input">{children}</div>
      {rawErrors.length > 0 && <FormFieldErrorMessage id={`${id}__error`}>{rawErrors.join(' ')}</FormFieldErrorMessage>}
    </FormField>
  );
}

/** A group of fields (`data.needs`) as a fieldset with its legend; the outer `data` object needs none. */
export function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { fieldPathId, title, properties, registry } = props;
  const path = fieldPathId.path.join('.');
  const labeller = (registry.formContext as { label?: Labeller } | undefined)?.label;
  const fields = properties.filter((p) => !p.hidden).map((p) => <div key={p.name}>{p.content}</div>);
  if (path === '' || path === 'data') return <>{fields}</>;
  return (
    <Fieldset className="tk-fieldset">
      <FieldsetLegend>{labeller ? labeller(path, title) : title}</FieldsetLegend>
      {fields}
    </Fieldset>
  );
}

/**
 * The form of a task type: its JSON Schema and validator, compiled at build time from the schema the API serves
 * (scripts/web-form-validators.mjs) because the Content-Security-Policy forbids compiling code in the browser.
 */
export function taskForm(type: string) {
  const form = FORMS[type];
  if (!form) return null;
  return { schema: form.schema, validator: createPrecompiledValidator(form.validators, form.schema) };
}

const describedBy = (p: WidgetProps) => (p.rawErrors?.length ? `${p.id}__error` : undefined);

function TextWidget(p: WidgetProps) {
  const type = p.schema.format === 'date' ? 'date' : 'text';
  return (
    <Textbox
      id={p.id}
      name={p.id}
      type={type}
      value={p.value ?? ''}
      required={p.required}
      invalid={Boolean(p.rawErrors?.length)}
      aria-describedby={describedBy(p)}
      onChange={(e) => p.onChange(e.target.value === '' ? undefined : e.target.value)}
      onBlur={() => p.onBlur(p.id, p.value)}
    />
  );
}

function TextareaWidget(p: WidgetProps) {
  return (
    <Textarea
      id={p.id}
      name={p.id}
      value={p.value ?? ''}
      rows={3}
      invalid={Boolean(p.rawErrors?.length)}
      aria-describedby={describedBy(p)}
      onChange={(e) => p.onChange(e.target.value === '' ? undefined : e.target.value)}
    />
  );
}

function SelectWidget(p: WidgetProps) {
  const labeller = (p.registry.formContext as { option?: (path: string, value: string) => string }).option;
  const options = p.options.enumOptions ?? [];
  return (
    <Select
      id={p.id}
      name={p.id}
      value={p.value === undefined || p.value === null ? '' : String(p.value)}
      required={p.required}
      invalid={Boolean(p.rawErrors?.length)}
      aria-describedby={describedBy(p)}
      onChange={(e) => {
        const chosen = options.find((o) => String(o.value) === e.target.value);
        p.onChange(chosen ? chosen.value : undefined);
      }}
    >
      <SelectOption value="">—</SelectOption>
      {options.map((o) => (
        <SelectOption key={String(o.value)} value={String(o.value)}>
          {labeller ? labeller(pathOf(p.id), String(o.value)) : o.label}
        </SelectOption>
      ))}
    </Select>
  );
}

/** Booleans are answered explicitly (yes or no), never left as an unticked box that means "no". */
function YesNoWidget(p: WidgetProps) {
  const yesNo = (p.registry.formContext as { yesNo: [string, string] }).yesNo;
  return (
    <Select
      id={p.id}
      name={p.id}
      value={p.value === true ? 'true' : p.value === false ? 'false' : ''}
      required={p.required}
      invalid={Boolean(p.rawErrors?.length)}
      aria-describedby={describedBy(p)}
      onChange={(e) => p.onChange(e.target.value === '' ? undefined : e.target.value === 'true')}
    >
      <SelectOption value="">—</SelectOption>
      <SelectOption value="true">{yesNo[0]}</SelectOption>
      <SelectOption value="false">{yesNo[1]}</SelectOption>
    </Select>
  );
}

export const WIDGETS: RegistryWidgetsType = {
  TextWidget,
  TextareaWidget,
  SelectWidget,
  CheckboxWidget: YesNoWidget,
  DateWidget: TextWidget,
};

/** The API's 400 messages ("data.needs.id must be a boolean") as rjsf errors at their fields. */
export function errorSchemaOf(
  error: ApiError,
  say: (message: string) => string = (m) => m,
): { schema: ErrorSchema; unplaced: string[] } {
  const schema: Record<string, unknown> = {};
  const unplaced: string[] = [];
  for (const message of error.messages) {
    const path = message.split(' ')[0] ?? '';
    if (!/^(outcome|data)(\.|$)/.test(path)) {
      unplaced.push(say(message));
      continue;
    }
    let node = schema;
    for (const part of path.split('.')) node = (node[part] ??= {}) as Record<string, unknown>;
    ((node.__errors ??= []) as string[]).push(say(message));
  }
  return { schema: schema as ErrorSchema, unplaced };
}
