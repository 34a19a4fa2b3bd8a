import { checkPlaybook, PLAYBOOK_SCHEMA, type Playbook } from '@terugkeer/domain';
import Ajv, { type ErrorObject } from 'ajv';

const ajv = new Ajv({ allErrors: true, discriminator: true, strict: true });
const validateShape = ajv.compile(PLAYBOOK_SCHEMA);

/** `/steps/3/at/offset` → `steps[3] (debt-help-referral).at.offset`: the step by index and id, then the field. */
function fieldOf(data: unknown, pointer: string, extra?: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  let node = data as Record<string, unknown> | undefined;
  let field = '';
  for (const part of parts) {
    const isIndex = Array.isArray(node) && /^\d+$/.test(part);
    const child = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
    if (isIndex) {
      const id = field === 'steps' && child && typeof (child as { id?: unknown }).id === 'string';
      field += `[${part}]${id ? ` (${(child as { id: string }).id})` : ''}`;
    } else field += field ? `.${part}` : part;
    node = child as Record<string, unknown> | undefined;
  }
  return field || 'body';
}

function messageOf(data: unknown, error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${fieldOf(data, error.instancePath, String(params.missingProperty))}: is required`;
    case 'additionalProperties':
      return `${fieldOf(data, error.instancePath, String(params.additionalProperty))}: is not a known field`;
    case 'propertyNames':
      return `${fieldOf(data, error.instancePath, String(params.propertyName))}: is not a known request type`;
    case 'enum':
      return `${fieldOf(data, error.instancePath)}: must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'const':
      return `${fieldOf(data, error.instancePath)}: must be ${String(params.allowedValue)}`;
    case 'discriminator':
      return `${fieldOf(data, error.instancePath, String(params.tag))}: ${
        params.error === 'mapping' ? 'is not a known kind here' : 'is required (a string)'
      }`;
    default:
      return `${fieldOf(data, error.instancePath)}: ${error.message ?? 'is not valid'}`;
  }
}

/**
 * Every problem of a playbook definition, each naming its step and field: first the shape (JSON Schema, ajv),
 * then — only for a definition of the right shape — the semantic checks of the domain.
 */
export function playbookProblems(definition: unknown): string[] {
  if (!validateShape(definition)) {
    // An enum inside propertyNames repeats what propertyNames says.
    const errors = (validateShape.errors ?? []).filter((e) => !e.propertyName);
    return [...new Set(errors.map((e) => messageOf(definition, e)))];
  }
  return checkPlaybook(definition as unknown as Playbook);
}
