import type { Playbook, StepDefinition } from './playbook';

export interface PlaybookDiff {
  added: { id: string; title: string }[];
  removed: { id: string; title: string }[];
  /** Steps in both, with the fields (dotted paths, e.g. `action.participants`) that differ. */
  changed: { id: string; title: string; fields: string[] }[];
  /** Everything else that differs: `sla.acknowledgeWithin`, `requestTypes.id-application.milestones`, … */
  settings: string[];
}

/** What changes from one playbook version to another; steps are the same step when their id is the same. */
export function diffPlaybooks(from: Playbook, to: Playbook): PlaybookDiff {
  const before = new Map(from.steps.map((s) => [s.id, s]));
  const after = new Map(to.steps.map((s) => [s.id, s]));
  const summary = (s: StepDefinition) => ({ id: s.id, title: s.title });
  const { steps: _a, id: _b, version: _c, ...fromSettings } = from;
  const { steps: _d, id: _e, version: _f, ...toSettings } = to;
  return {
    added: to.steps.filter((s) => !before.has(s.id)).map(summary),
    removed: from.steps.filter((s) => !after.has(s.id)).map(summary),
    changed: to.steps
      .filter((s) => before.has(s.id))
      .map((s) => ({ ...summary(s), fields: differences(before.get(s.id), s) }))
      .filter((s) => s.fields.length),
    settings: differences(fromSettings, toSettings),
  };
}

/** The dotted paths at which two JSON values differ: objects are walked, arrays and scalars compared whole. */
function differences(a: unknown, b: unknown, path = ''): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((key) => differences(a[key], b[key], path ? `${path}.${key}` : key));
  }
  return canonical(a) === canonical(b) ? [] : [path];
}

/** JSON with sorted keys: equal values give equal text whatever their key order (jsonb does not keep it). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1)))
      : v,
  );
}
