// Terugkeer web UI: a small single-page app on the public API. No build step; DOM built with `h()` (text only,
// never HTML from data). Routes: #/login, #/tasks, #/tasks/<id>, #/detentions, #/detentions/<id>, #/dashboard,
// #/inbox (partners), #/partners (admins).
import { lang, t, toggleLanguage } from './i18n.js';

const TOKEN_KEY = 'terugkeer.token';
const main = () => document.getElementById('app');

// ---------------------------------------------------------------------------------------------------------------
// DOM and API helpers

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const SVG = 'http://www.w3.org/2000/svg';
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) if (value !== undefined) el.setAttribute(key, String(value));
  for (const child of children.flat(Infinity))
    if (child) el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return el;
}

class ApiError extends Error {
  constructor(status, messages) {
    super(messages.join('; '));
    this.status = status;
    this.messages = messages;
  }
}

async function api(path, { method = 'GET', body, token = sessionStorage.getItem(TOKEN_KEY) } = {}) {
  const res = await fetch(path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body && JSON.stringify(body),
  });
  if (res.status === 401 && path !== '/api/v1/session') {
    sessionStorage.removeItem(TOKEN_KEY);
    location.hash = '#/login';
    throw new ApiError(401, ['session expired']);
  }
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, [].concat(data?.message ?? `HTTP ${res.status}`));
  return data;
}

const fmtDate = (d) =>
  d ? new Date(`${d}T12:00:00Z`).toLocaleDateString(lang() === 'nl' ? 'nl-NL' : 'en-GB') : t('unknown');
const fmtInstant = (i) =>
  i ? new Date(i).toLocaleString(lang() === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '';
const pct = (x) => (x === null || x === undefined ? '–' : `${Math.round(x * 100)}%`);
const todayIso = () => new Date().toISOString().slice(0, 10);

/** A step's title in the chosen language (`Trajectgesprek (2)`); other tasks keep the title they were given. */
function stepTitle(item) {
  const instance = item.stepInstanceId ?? item.instanceId;
  // Follow-ups and invitations say what they are about in their own title.
  if (!instance || item.type === 'request-follow-up' || item.type === 'meeting-invitation') return item.title;
  const [stepId, occurrence] = instance.split('#');
  const label = t(`steps.${stepId}`);
  if (label === `steps.${stepId}`) return item.title;
  const title = occurrence && occurrence !== '1' ? `${label} (${occurrence})` : label;
  // A prison task the municipality took over at release, or a prison step done by the municipality after it.
  return item.context?.handedOver ? `${title} — ${t('handedOver')}` : title;
}

function errorBox(error) {
  return h(
    'div',
    { class: 'error', role: 'alert' },
    h('strong', {}, t('error')),
    h(
      'ul',
      {},
      (error.messages ?? [error.message]).map((m) => h('li', {}, m)),
    ),
  );
}

const LIGHT_STATUS = { green: 'ok', amber: 'attention', red: 'missing' };

function light(color, label) {
  return h('span', { class: `light ${color}`, title: label ?? color, 'aria-label': label ?? color });
}

// ---------------------------------------------------------------------------------------------------------------
// Session

let session = null;

async function loadSession() {
  if (!sessionStorage.getItem(TOKEN_KEY)) return null;
  try {
    session = await api('/api/v1/session');
  } catch {
    session = null;
  }
  // Supervisors and admins: the HttpOnly cookie with which the Temporal UI decodes histories via our codec server.
  if (session && ['supervisor', 'admin'].includes(session.role)) {
    const authorization = `Bearer ${sessionStorage.getItem(TOKEN_KEY)}`;
    await fetch('/codec/session', { method: 'POST', headers: { authorization } }).catch(() => undefined);
  }
  return session;
}

function homeFor(role) {
  return { supervisor: '#/dashboard', partner: '#/inbox', admin: '#/partners' }[role] ?? '#/tasks';
}

function renderNav() {
  const nav = document.getElementById('nav');
  nav.replaceChildren();
  const links =
    {
      casemanager: ['tasks', 'detentions'],
      municipality: ['tasks', 'detentions'],
      probation: ['tasks', 'detentions'],
      supervisor: ['dashboard', 'detentions', 'tasks'],
      partner: ['inbox'],
      admin: ['partners'],
    }[session?.role] ?? [];
  for (const link of links)
    nav.append(h('a', { href: `#/${link}`, class: location.hash.startsWith(`#/${link}`) ? 'active' : null }, t(link)));
  nav.append(
    h('span', { class: 'spacer' }),
    session
      ? h('span', { class: 'who', 'data-testid': 'who' }, `${session.sub} · ${session.role} ${session.org}`)
      : null,
    h('button', { class: 'link', onClick: () => (toggleLanguage(), route()) }, t('language')),
    session
      ? h(
          'button',
          {
            class: 'link',
            onClick: () => {
              if (['supervisor', 'admin'].includes(session?.role)) {
                const authorization = `Bearer ${sessionStorage.getItem(TOKEN_KEY)}`;
                fetch('/codec/session', { method: 'DELETE', headers: { authorization } }).catch(() => undefined);
              }
              sessionStorage.removeItem(TOKEN_KEY);
              session = null;
              location.hash = '#/login';
            },
          },
          t('signOut'),
        )
      : null,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Views

async function loginView() {
  const config = await api('/api/ui-config', { token: null });
  const view = h(
    'section',
    { class: 'card narrow' },
    h('h1', {}, t('signIn')),
    h('p', { class: 'muted' }, t('tagline')),
  );
  const showError = (error) => {
    view.querySelector(':scope > .error')?.remove();
    view.append(errorBox(error));
  };
  const signIn = async (token) => {
    sessionStorage.setItem(TOKEN_KEY, token);
    if (await loadSession()) location.hash = homeFor(session.role);
    else showError(new Error(t('tokenInvalid')));
  };
  if (config.devLogin) {
    const { items } = await api('/api/dev/identities', { token: null });
    view.append(
      h('h2', {}, t('devIdentities')),
      h(
        'div',
        { class: 'identities' },
        items.map((who) =>
          h(
            'button',
            {
              class: 'identity',
              'data-testid': `identity-${who.sub}`,
              onClick: async () => {
                let token;
                try {
                  ({ token } = await api('/api/dev/token', {
                    method: 'POST',
                    body: { role: who.role, org: who.org, sub: who.sub },
                    token: null,
                  }));
                } catch (error) {
                  showError(error);
                  return;
                }
                await signIn(token);
              },
            },
            h('strong', {}, who.label),
            h('small', {}, `${who.role} · ${who.org}`),
          ),
        ),
      ),
    );
  }
  const input = h('textarea', { rows: 4, placeholder: 'eyJhbGciOi…', 'aria-label': t('pasteToken') });
  view.append(
    h('h2', {}, t('pasteToken')),
    input,
    h('button', { class: 'primary', onClick: () => signIn(input.value.trim()) }, t('signIn')),
  );
  return view;
}

async function tasksView(params) {
  const status = params.get('status') ?? 'open';
  const sort = params.get('sort') ?? 'dueDate';
  const query = new URLSearchParams({ pageSize: '100', sort, ...(status === 'all' ? {} : { status }) });
  const { items, total } = await api(`/api/v1/tasks?${query}`);
  const canAct = session.role !== 'supervisor';
  const filter = (key, value, label) =>
    h(
      'a',
      {
        href: `#/tasks?${new URLSearchParams({ status, sort, [key]: value })}`,
        class: (key === 'status' ? status : sort) === value ? 'chip active' : 'chip',
      },
      label,
    );
  const rows = items.map((task) =>
    h(
      'tr',
      { class: task.overdue ? 'overdue' : null, 'data-testid': `task-${task.type}` },
      h(
        'td',
        {},
        h('a', { href: `#/tasks/${task.id}` }, stepTitle(task)),
        task.escalatedAt ? h('span', { class: 'badge red' }, t('escalated')) : null,
      ),
      h('td', {}, h('a', { href: `#/detentions/${task.detentionId}` }, task.detention.personName)),
      h('td', {}, fmtDate(task.dueDate), task.overdue ? h('span', { class: 'badge amber' }, t('overdue')) : null),
      h('td', {}, t(task.status)),
      h('td', {}, task.claimedBy ?? ''),
      h(
        'td',
        {},
        canAct && task.status === 'open'
          ? h('button', { onClick: () => act(`/api/v1/tasks/${task.id}/claim`) }, t('claim'))
          : null,
        canAct && task.status === 'claimed' && task.claimedBy === session.sub
          ? h('button', { onClick: () => act(`/api/v1/tasks/${task.id}/unclaim`) }, t('unclaim'))
          : null,
        canAct && (task.status === 'open' || task.status === 'claimed')
          ? h('a', { class: 'button', href: `#/tasks/${task.id}` }, t('complete'))
          : null,
      ),
    ),
  );
  return h(
    'section',
    {},
    h('h1', {}, `${t('tasks')} (${total})`),
    h(
      'div',
      { class: 'filters' },
      ['open', 'claimed', 'overdue', 'done', 'all'].map((v) => filter('status', v, t(v))),
      h('span', { class: 'muted' }, t('sortBy')),
      filter('sort', 'dueDate', t('byDueDate')),
      filter('sort', 'risk', t('byRisk')),
    ),
    items.length
      ? h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              [t('title'), t('detention'), t('due'), t('status'), t('claimedBy'), t('actions')].map((c) =>
                h('th', {}, c),
              ),
            ),
          ),
          h('tbody', {}, rows),
        )
      : h('p', { class: 'muted' }, t('noTasks')),
  );
}

/** POSTs an action; on success the view is drawn anew, on failure it stays and shows why. */
async function act(path, body) {
  try {
    await api(path, { method: 'POST', body });
    route();
  } catch (error) {
    main().prepend(errorBox(error));
  }
}

/** A form from the task's JSON schema: enums become selects, booleans checkboxes, objects fieldsets. */
function schemaField(name, schema, path, required) {
  const id = `f-${path.join('-')}`;
  const group = path[0] === 'data' && path[2] ? path[1] : undefined;
  const label =
    group === 'needs'
      ? t(`needs.${path[2]}`)
      : group === 'conditions' || group === 'consent'
        ? t(`conditions.${path[2]}`)
        : name;
  if (schema.type === 'object' && schema.properties) {
    return h(
      'fieldset',
      { 'data-path': path.join('.') },
      h('legend', {}, name),
      Object.entries(schema.properties).map(([key, sub]) =>
        schemaField(key, sub, [...path, key], (schema.required ?? []).includes(key)),
      ),
    );
  }
  // Every choice starts empty: saving without choosing is refused by the API, never read as "no" or "ok".
  let input;
  if (schema.enum) {
    input = h(
      'select',
      { id, 'data-path': path.join('.'), required },
      h('option', { value: '' }, '—'),
      schema.enum.map((v) =>
        h(
          'option',
          { value: v },
          path.at(-1) === 'outcome' ? v : t(`statuses.${v}`) === `statuses.${v}` ? v : t(`statuses.${v}`),
        ),
      ),
    );
  } else if (schema.type === 'boolean') {
    input = h(
      'select',
      { id, 'data-path': path.join('.'), 'data-kind': 'boolean', required },
      h('option', { value: '' }, '—'),
      h('option', { value: 'true' }, t('yes')),
      h('option', { value: 'false' }, t('no')),
    );
  } else if (schema.type === 'array' && schema.items?.enum) {
    input = h(
      'select',
      { id, multiple: true, 'data-path': path.join('.'), 'data-kind': 'array' },
      schema.items.enum.map((v) => h('option', { value: v }, v)),
    );
  } else if (schema.format === 'date') {
    input = h('input', { id, type: 'date', 'data-path': path.join('.'), 'data-kind': 'date' });
  } else if (schema.type === 'integer') {
    return null; // the version travels by itself
  } else {
    input = h('textarea', { id, rows: 2, 'data-path': path.join('.') });
  }
  return h('label', { for: id }, h('span', {}, label, required ? ' *' : ''), input);
}

function readForm(form) {
  const body = {};
  for (const el of form.querySelectorAll('[data-path]')) {
    if (el.tagName === 'FIELDSET') continue;
    const path = el.dataset.path.split('.');
    let value;
    if (el.dataset.kind === 'boolean') value = el.value === '' ? undefined : el.value === 'true';
    else if (el.dataset.kind === 'array') value = [...el.selectedOptions].map((o) => o.value);
    else value = el.value === '' ? undefined : el.value;
    if (value === undefined || (Array.isArray(value) && !value.length)) continue;
    let node = body;
    for (const part of path.slice(0, -1)) node = node[part] ??= {};
    node[path.at(-1)] = value;
  }
  return body;
}

async function taskView(id) {
  const task = await api(`/api/v1/tasks/${id}`);
  const view = h(
    'section',
    { class: 'card' },
    h('a', { href: '#/tasks' }, `← ${t('back')}`),
    h('h1', {}, stepTitle(task)),
    h(
      'p',
      { class: 'muted' },
      `${task.role} ${task.org} · ${t('due')} ${fmtDate(task.dueDate)} · ${t(task.status)}`,
      task.overdue ? h('span', { class: 'badge amber' }, t('overdue')) : null,
    ),
    h(
      'p',
      {},
      h('a', { href: `#/detentions/${task.detentionId}` }, `${t('detention')} ${task.detentionId.slice(0, 8)}`),
    ),
  );
  if ((task.status === 'open' || task.status === 'claimed') && session.role !== 'supervisor') {
    const schema = task.formSchema;
    const form = h(
      'form',
      // The API validates (and names every field it refuses): one set of rules, not two.
      { class: 'task-form', 'data-testid': 'task-form', novalidate: true },
      schemaField(t('outcome'), schema.properties.outcome, ['outcome'], true),
      schema.properties.data.properties ? schemaField('data', schema.properties.data, ['data'], false) : null,
      h('button', { class: 'primary', type: 'submit' }, t('submit')),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      form.querySelector('.error')?.remove();
      const body = readForm(form);
      try {
        await api(`/api/v1/tasks/${id}/complete`, {
          method: 'POST',
          body: { outcome: body.outcome, data: body.data ?? {}, version: task.version },
        });
        view.append(h('p', { class: 'ok', role: 'status' }, t('saved')));
        location.hash = `#/detentions/${task.detentionId}`;
      } catch (error) {
        form.prepend(errorBox(error));
      }
    });
    view.append(form);
  } else if (task.outcome) {
    view.append(h('p', {}, `${t('outcome')}: ${task.outcome}`), h('pre', {}, JSON.stringify(task.data, null, 2)));
  }
  return view;
}

async function detentionsView() {
  const { items, total } = await api('/api/v1/detentions?pageSize=200');
  return h(
    'section',
    {},
    h('h1', {}, `${t('detentions')} (${total})`),
    items.length
      ? h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              [t('person'), t('prison'), t('municipality'), t('phase'), t('intake'), t('expectedRelease')].map((c) =>
                h('th', {}, c),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            items.map((d) =>
              h(
                'tr',
                {},
                h('td', {}, h('a', { href: `#/detentions/${d.id}` }, d.personName)),
                h('td', {}, d.prison),
                h('td', {}, d.municipality),
                h('td', {}, t(`phases.${d.phase}`)),
                h('td', {}, fmtDate(d.intakeDate)),
                h('td', {}, fmtDate(d.actualReleaseDate ?? d.expectedReleaseDate)),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('noItems')),
  );
}

/** The plan on a line: done (green), late (orange), planned (grey), with today and the release date marked. */
function timelineSvg(detention, steps) {
  const dated = steps.filter((step) => step.plannedDate && step.state !== 'skipped');
  const dates = [
    detention.intakeDate,
    todayIso(),
    detention.expectedReleaseDate,
    detention.actualReleaseDate,
    ...dated.map((st) => st.plannedDate),
  ].filter(Boolean);
  const day = (d) => Date.parse(`${d}T00:00:00Z`) / 86400000;
  const min = Math.min(...dates.map(day));
  const max = Math.max(...dates.map(day), min + 1);
  const width = 900;
  const x = (d) => 30 + ((day(d) - min) / (max - min)) * (width - 60);
  const lanes = {};
  const marks = dated.map((step) => {
    const lane = (lanes[step.plannedDate] = (lanes[step.plannedDate] ?? 0) + 1);
    const color =
      step.state === 'done'
        ? step.late
          ? 'late'
          : 'done'
        : step.state === 'late'
          ? 'late'
          : step.state === 'withdrawn'
            ? 'withdrawn'
            : 'planned';
    return s(
      'g',
      { class: `mark ${color}`, 'data-step': step.instanceId },
      s('circle', { cx: x(step.plannedDate), cy: 104 - lane * 13, r: 6 }),
      s(
        'title',
        {},
        `${stepTitle(step)} (${step.rule}) — ${fmtDate(step.plannedDate)} — ${step.state}${step.late ? ', late' : ''}`,
      ),
    );
  });
  // Today's label above the line, the release date's below: they never overlap.
  const marker = (d, label, cls, labelY) =>
    d
      ? s(
          'g',
          { class: cls },
          s('line', { x1: x(d), x2: x(d), y1: 20, y2: 118 }),
          // Near the right edge the label reads leftwards, so it is not cut off.
          x(d) > width - 220
            ? s('text', { x: x(d) - 4, y: labelY, 'text-anchor': 'end' }, label)
            : s('text', { x: x(d) + 4, y: labelY }, label),
        )
      : null;
  return s(
    'svg',
    {
      viewBox: `0 0 ${width} 150`,
      class: 'timeline',
      role: 'img',
      'aria-label': t('timeline'),
      'data-testid': 'timeline-svg',
    },
    s('line', { x1: 30, x2: width - 30, y1: 110, y2: 110, class: 'axis' }),
    s('text', { x: 30, y: 128, class: 'muted' }, fmtDate(detention.intakeDate)),
    marker(todayIso(), t('today'), 'today', 14),
    marker(
      detention.actualReleaseDate ?? detention.expectedReleaseDate,
      `${t('release')} ${fmtDate(detention.actualReleaseDate ?? detention.expectedReleaseDate)}`,
      'release',
      142,
    ),
    marks,
  );
}

async function detentionView(id) {
  const [detention, timeline] = await Promise.all([
    api(`/api/v1/detentions/${id}`),
    api(`/api/v1/detentions/${id}/timeline`),
  ]);
  const steps = [...detention.doneSteps, ...detention.plannedSteps];
  const whatIf = h('div', { class: 'whatif' });
  const dateInput = h('input', { type: 'date', value: detention.expectedReleaseDate ?? '' });
  const canPreview = ['casemanager', 'supervisor'].includes(session.role) && detention.phase === 'detained';
  return h(
    'section',
    {},
    h('h1', {}, detention.person.name, h('small', { class: 'muted' }, ` ${detention.caseReference ?? ''}`)),
    h(
      'div',
      { class: 'facts' },
      [
        [t('phase'), t(`phases.${detention.phase}`)],
        [t('prison'), detention.prison],
        [t('municipality'), detention.municipality],
        [t('probation'), detention.probation],
        [t('intake'), fmtDate(detention.intakeDate)],
        [
          detention.actualReleaseDate ? t('actualRelease') : t('expectedRelease'),
          fmtDate(detention.actualReleaseDate ?? detention.expectedReleaseDate),
        ],
      ].map(([k, v]) => h('div', {}, h('span', { class: 'muted' }, k), h('strong', {}, v))),
    ),
    h('h2', {}, t('basicConditions')),
    h(
      'table',
      { class: 'conditions' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['', t('need'), t('consent'), t('light')].map((c) => h('th', {}, c)),
        ),
      ),
      h(
        'tbody',
        {},
        Object.entries(detention.basicConditions).map(([c, v]) =>
          h(
            'tr',
            {},
            h('th', {}, t(`conditions.${c}`)),
            // Without the detainee's consent the chain does not see the help question (rule 5).
            h('td', {}, v.shared === false ? t('notShared') : v.needsHelp ? t('yes') : t('no')),
            h('td', {}, v.consent === null ? '–' : v.consent ? t('yes') : t('no')),
            // One truth per condition: the API's light, with what it rests on as its label.
            h('td', {}, v.status ? [light(v.status, v.reason), ' ', t(`statuses.${LIGHT_STATUS[v.status]}`)] : '–'),
          ),
        ),
      ),
    ),
    h('h2', {}, t('timeline')),
    h(
      'div',
      { class: 'legend' },
      light('green', t('done')),
      t('done'),
      light('amber', t('late')),
      t('late'),
      light('grey', t('planned')),
      t('planned'),
    ),
    timelineSvg(detention, steps),
    canPreview
      ? h(
          'div',
          { class: 'card' },
          h('h3', {}, t('whatIf')),
          dateInput,
          h(
            'button',
            {
              onClick: async () => {
                let preview;
                try {
                  preview = await api(`/api/v1/detentions/${id}/preview?expectedReleaseDate=${dateInput.value}`);
                } catch (error) {
                  whatIf.replaceChildren(errorBox(error));
                  return;
                }
                whatIf.replaceChildren(
                  ...['moved', 'late', 'withdrawn', 'skipped', 'added'].map((k) =>
                    preview.changes[k].length
                      ? h(
                          'p',
                          {},
                          h('strong', {}, `${t(k === 'late' ? 'becameLate' : k)}: `),
                          preview.changes[k]
                            .map((c) => `${c.title} (${fmtDate(c.from)} → ${fmtDate(c.to)})`)
                            .join(', '),
                        )
                      : null,
                  ),
                );
              },
            },
            t('preview'),
          ),
          whatIf,
        )
      : null,
    h(
      'div',
      { class: 'columns' },
      h(
        'div',
        {},
        h('h2', {}, t('openTasks')),
        h(
          'ul',
          {},
          detention.openTasks.map((task) =>
            h('li', {}, h('a', { href: `#/tasks/${task.id}` }, stepTitle(task)), ` — ${fmtDate(task.dueDate)}`),
          ),
        ),
      ),
      h(
        'div',
        {},
        h('h2', {}, t('openRequests')),
        h(
          'ul',
          {},
          detention.openRequests.map((r) =>
            h('li', {}, `${r.type} → ${r.partnerId}: ${t(`requestStatuses.${r.status}`)}`),
          ),
        ),
      ),
    ),
    h('h2', {}, t('events')),
    h(
      'ul',
      { class: 'events', 'data-testid': 'events' },
      timeline.events
        .slice()
        .reverse()
        .map((e) =>
          h(
            'li',
            { 'data-type': e.type },
            h('time', {}, fmtInstant(e.at)),
            ' ',
            e.summary,
            h('span', { class: 'muted' }, ` — ${t('by')} ${e.by.label}`),
          ),
        ),
    ),
  );
}

/** A horizontal bar chart of shares (0–1). */
function barChart(rows) {
  const width = 420;
  return s(
    'svg',
    { viewBox: `0 0 ${width} ${rows.length * 28 + 6}`, class: 'chart', role: 'img' },
    rows.map(([label, value], i) => [
      s('text', { x: 0, y: i * 28 + 18 }, label),
      s('rect', { x: 170, y: i * 28 + 5, width: 200, height: 16, class: 'track' }),
      s('rect', { x: 170, y: i * 28 + 5, width: 200 * (value ?? 0), height: 16, class: 'bar' }),
      s('text', { x: 378, y: i * 28 + 18 }, pct(value)),
    ]),
  );
}

/** Stacked bars of the outcome measurement: per condition ok / attention / missing. */
function outcomeChart(moment) {
  const width = 420;
  const entries = Object.entries(moment);
  return s(
    'svg',
    { viewBox: `0 0 ${width} ${entries.length * 24 + 6}`, class: 'chart', role: 'img' },
    entries.map(([condition, counts], i) => {
      const total = counts.ok + counts.attention + counts.missing;
      let offset = 170;
      const parts = ['ok', 'attention', 'missing'].map((k) => {
        const w = total ? (200 * counts[k]) / total : 0;
        const rect = s(
          'rect',
          { x: offset, y: i * 24 + 4, width: w, height: 14, class: `seg ${k}` },
          s('title', {}, `${t(`statuses.${k}`)}: ${counts[k]}`),
        );
        offset += w;
        return rect;
      });
      return [
        s('text', { x: 0, y: i * 24 + 16 }, t(`conditions.${condition}`)),
        ...parts,
        s('text', { x: 378, y: i * 24 + 16 }, total ? String(total) : '–'),
      ];
    }),
  );
}

async function dashboardView() {
  const board = await api('/api/v1/dashboard');
  const f = board.figures;
  const kpi = (label, value, testid) =>
    h('div', { class: 'kpi', 'data-testid': testid }, h('span', { class: 'muted' }, label), h('strong', {}, value));
  return h(
    'section',
    {},
    h('h1', {}, `${t('dashboard')} · ${board.scope}`),
    h(
      'div',
      { class: 'kpis' },
      kpi(t('detentions'), `${f.detentions.detained} / ${f.detentions.total}`, 'kpi-detentions'),
      kpi(t('releases'), String(f.releases.releases), 'kpi-releases'),
      kpi(t('overdueTasks'), String(f.tasks.overdue), 'kpi-overdue'),
      kpi(t('escalated'), String(f.tasks.escalated), 'kpi-escalated'),
      kpi(t('meetingsOnTime'), pct(f.trajectoryMeetings.onTimeShare), 'kpi-meetings'),
    ),
    h(
      'div',
      { class: 'columns' },
      h(
        'div',
        { class: 'card' },
        h('h2', {}, t('releases')),
        barChart([
          [t('validId'), f.releases.validId],
          [t('housing'), f.releases.housing],
          [t('incomeDecided'), f.releases.incomeApplicationDecided],
          [t('insuranceResumed'), f.releases.insuranceResumed],
        ]),
      ),
      h(
        'div',
        { class: 'card' },
        h('h2', {}, t('outcomes')),
        Object.entries(f.outcomes).map(([moment, data]) => [h('h3', {}, t(`moments.${moment}`)), outcomeChart(data)]),
      ),
    ),
    h('h2', {}, t('readiness')),
    h(
      'table',
      { 'data-testid': 'readiness' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [
            t('person'),
            t('prison'),
            t('municipality'),
            t('daysToRelease'),
            ...['id', 'housing', 'income', 'debts', 'care'].map((c) => t(`conditions.${c}`)),
            t('risk'),
          ].map((c) => h('th', {}, c)),
        ),
      ),
      h(
        'tbody',
        {},
        board.readiness.map((r) =>
          h(
            'tr',
            {},
            h(
              'td',
              {},
              h('a', { href: `#/detentions/${r.detentionId}` }, r.personName),
              r.escalatedTasks ? h('span', { class: 'badge red' }, t('escalated')) : null,
            ),
            h('td', {}, r.prison),
            h('td', {}, r.municipality),
            h('td', {}, r.daysToRelease ?? t('unknown')),
            ['id', 'housing', 'income', 'debts', 'care'].map((c) =>
              h(
                'td',
                {},
                r.conditions[c] === null
                  ? t('notShared')
                  : light(r.conditions[c], `${t(`conditions.${c}`)}: ${r.conditions[c]}`),
              ),
            ),
            h('td', {}, String(r.risk)),
          ),
        ),
      ),
    ),
    h('h2', {}, t('partnerLoop')),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['partner', t('loopClosure'), t('medianAck'), 'n'].map((c) => h('th', {}, c)),
        ),
      ),
      h(
        'tbody',
        {},
        f.partners.map((p) =>
          h(
            'tr',
            {},
            h('td', {}, p.partnerId),
            h('td', {}, pct(p.loopClosureRate)),
            h('td', {}, p.medianHoursToAcknowledge ?? '–'),
            h('td', {}, p.requests),
          ),
        ),
      ),
    ),
    h(
      'div',
      { class: 'columns' },
      [
        ['byStay', f.segments.lengthOfStay],
        ['byMunicipality', f.segments.municipality],
      ].map(([label, segments]) =>
        h(
          'div',
          { class: 'card' },
          h('h3', {}, t(label)),
          h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['', t('detentions'), t('releases'), t('validId'), t('housing')].map((c) => h('th', {}, c)),
              ),
            ),
            h(
              'tbody',
              {},
              Object.entries(segments).map(([k, v]) =>
                h(
                  'tr',
                  {},
                  h('td', {}, k),
                  h('td', {}, v.detentions),
                  h('td', {}, v.releases),
                  h('td', {}, pct(v.validId)),
                  h('td', {}, pct(v.housing)),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

async function inboxView() {
  const { items } = await api('/api/v1/requests?pageSize=200');
  const answers = {
    sent: ['received', 'acknowledged'],
    received: ['acknowledged'],
    acknowledged: ['accepted', 'waitlisted', 'declined'],
    waitlisted: ['accepted', 'declined'],
    accepted: ['completed'],
  };
  return h(
    'section',
    {},
    h('h1', {}, `${t('inbox')} (${items.length})`),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [t('type'), 'case', t('due'), t('status'), t('sent'), t('respond')].map((c) => h('th', {}, c)),
        ),
      ),
      h(
        'tbody',
        {},
        items.map((r) =>
          h(
            'tr',
            { 'data-testid': `request-${r.type}` },
            h('td', {}, r.type),
            h('td', {}, r.data?.caseReference ?? ''),
            h('td', {}, fmtDate(r.dueDate)),
            h('td', {}, t(`requestStatuses.${r.status}`)),
            h('td', {}, fmtInstant(r.sentAt)),
            h(
              'td',
              {},
              (answers[r.status] ?? []).map((status) =>
                h(
                  'button',
                  {
                    onClick: async () => {
                      const reason = status === 'declined' ? prompt(t('reason')) : undefined;
                      if (status === 'declined' && !reason) return;
                      await act(`/api/v1/requests/${r.id}/responses`, { status, ...(reason ? { reason } : {}) });
                    },
                  },
                  t(`requestStatuses.${status}`),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

async function partnersView() {
  const { items } = await api('/api/v1/partners');
  return h(
    'section',
    {},
    h('h1', {}, t('partners')),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['id', 'name', 'types', 'municipalities', 'delivery', 'government'].map((c) => h('th', {}, c)),
        ),
      ),
      h(
        'tbody',
        {},
        items.map((p) =>
          h(
            'tr',
            {},
            h('td', {}, p.id),
            h('td', {}, p.name),
            h('td', {}, p.types.join(', ')),
            h('td', {}, p.municipalities.join(', ')),
            h('td', {}, p.delivery),
            h('td', {}, p.government ? t('yes') : t('no')),
          ),
        ),
      ),
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Router

async function route() {
  const [path, queryString] = (location.hash.slice(1) || '/').split('?');
  const params = new URLSearchParams(queryString ?? '');
  const parts = path.split('/').filter(Boolean);
  if (!session && parts[0] !== 'login') await loadSession();
  if (!session && parts[0] !== 'login') {
    location.hash = '#/login';
    return;
  }
  if (!parts.length) {
    location.hash = homeFor(session.role);
    return;
  }
  renderNav();
  document.documentElement.lang = lang();
  main().replaceChildren(h('p', { class: 'muted' }, t('loading')));
  try {
    const view =
      parts[0] === 'login'
        ? await loginView()
        : parts[0] === 'tasks' && parts[1]
          ? await taskView(parts[1])
          : parts[0] === 'tasks'
            ? await tasksView(params)
            : parts[0] === 'detentions' && parts[1]
              ? await detentionView(parts[1])
              : parts[0] === 'detentions'
                ? await detentionsView()
                : parts[0] === 'dashboard'
                  ? await dashboardView()
                  : parts[0] === 'inbox'
                    ? await inboxView()
                    : parts[0] === 'partners'
                      ? await partnersView()
                      : h('p', {}, t('noItems'));
    main().replaceChildren(view);
    main().dataset.ready = parts[0];
  } catch (error) {
    main().replaceChildren(errorBox(error));
  }
}

window.addEventListener('hashchange', route);
route();
