// The figures of a run: a table on the terminal (Terugkeer beside bare Temporal, the ratio, the target and whether
// it was met) and everything, with the details of each scenario, as JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * One line of the table. `value` and `baseline` are numbers in `unit`; `target` judges them (`atMost(50)`, `ratioAtLeast(0.9)`,
 * …) or is `{ text, pass }` (pass: null when there is nothing to judge); `note` says how a figure was obtained when that is not obvious.
 */
export function figure(scenario, name, { value, baseline = null, unit = 'ms', target = null, note = null }) {
  const ratio = typeof value === 'number' && typeof baseline === 'number' && baseline > 0 ? value / baseline : null;
  const judged = typeof target === 'function' ? target(value ?? null, baseline) : target;
  return {
    scenario,
    name,
    value,
    baseline,
    unit,
    ratio,
    target: judged?.text ?? null,
    pass: judged?.pass ?? null,
    note,
  };
}

/** Target helpers: `atMost(50)` for "< 50 ms" style limits, `ratioAtMost(1.3)`, `ratioAtLeast(0.9)`. */
export const atMost =
  (limit, text = `≤ ${limit}`) =>
  (value) => ({ text, pass: value === null ? false : value <= limit });
export const below =
  (limit, text = `< ${limit}`) =>
  (value) => ({ text, pass: value === null ? false : value < limit });
export const ratioAtMost = (limit) => (value, baseline) => ({
  text: `≤ ${limit}× bare`,
  pass: value !== null && baseline ? value / baseline <= limit : false,
});
export const ratioAtLeast = (limit) => (value, baseline) => ({
  text: `≥ ${limit}× bare`,
  pass: value !== null && baseline ? value / baseline >= limit : false,
});

const GIB = 1024 ** 3;
function show(value, unit) {
  if (value === null || value === undefined) return '–';
  if (typeof value !== 'number') return String(value);
  if (unit === '') return String(Math.round(value));
  if (unit === 'bytes')
    return value >= GIB ? `${(value / GIB).toFixed(2)} GiB` : `${(value / 1024 ** 2).toFixed(0)} MiB`;
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

export function printTable(figures, out = console.log) {
  const rows = figures.map((f) => [
    f.scenario,
    f.name,
    show(f.value, f.unit),
    show(f.baseline, f.unit),
    f.ratio === null ? '' : `${f.ratio.toFixed(2)}×`,
    f.target ?? '',
    f.pass === null ? '' : f.pass ? 'PASS' : 'FAIL',
  ]);
  const head = ['scenario', 'figure', 'Terugkeer', 'bare Temporal', 'ratio', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  out(line(head));
  out(widths.map((w) => '─'.repeat(w)).join('  '));
  let last;
  for (const [i, row] of rows.entries()) {
    if (last !== undefined && row[0] !== last) out('');
    out(line(row[0] === last ? ['', ...row.slice(1)] : row));
    last = rows[i][0];
  }
  const notes = figures.filter((f) => f.note);
  if (notes.length) {
    out('');
    for (const f of notes) out(`  ${f.scenario} / ${f.name}: ${f.note}`);
  }
}

/** Writes the run as `<dir>/results.json` and `<resultsDir>/latest.json`; answers the path. */
export function writeJson(resultsDir, dir, run) {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'results.json');
  const text = `${JSON.stringify(run, null, 2)}\n`;
  writeFileSync(file, text);
  writeFileSync(path.join(resultsDir, 'latest.json'), text);
  return file;
}
