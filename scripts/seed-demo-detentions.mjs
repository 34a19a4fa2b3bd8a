// A dozen demo detentions at various stages, registered and moved on through the public API (intakes in the
// past fire their passed steps at once, marked late; screenings are completed, people released, a transfer,
// a death). Run by `npm start -- --demo`; alone: `npm run seed:demo-detentions` (reads `.env` like `npm start`;
// API_URL, default http://localhost:$PORT; AUTH_JWT_SECRET, else the secret `npm start` generated in the data folder).
//
// Its own cases are recognisable, so it seeds into a system that holds other detentions and never twice: every demo
// name ends in DEMO_MARK (nobody real is called so), and each demo case the detention search (`q`) finds by its
// exact name is left alone; only those missing are registered. The people have BSNs from the 9999… range of the
// national registry's test persons, never issued to anyone, so a demo intake cannot meet a real person's open
// detention (409) or close their aftercare as re-detained. Case references are not the seeder's to choose: each
// workflow derives its own (TK-…) from the case's random id, as for every case.
import { pathToFileURL } from 'node:url';
import { ApiUnreachableError, fetchApi, jwtSecret, loadEnv, mintToken } from './lib/dev-auth.mjs';
import { fail } from './lib/util.mjs';

const DAY = 86_400_000;
/** Ends the name of every demo person: how the seeder knows its own cases. */
export const DEMO_MARK = ' (demo)';
const date = (offsetDays) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

/** A valid BSN (11-check) from an 8-digit stem: the ninth digit makes 9·d1 + … + 2·d8 − d9 divisible by 11. */
function bsnFrom(stem) {
  for (let s = stem; ; s++) {
    const digits = String(s).padStart(8, '0').split('').map(Number);
    const check = digits.reduce((sum, d, i) => sum + d * (9 - i), 0) % 11;
    if (check <= 9) return `${digits.join('')}${check}`;
  }
}

const CONDITIONS = ['id', 'housing', 'income', 'debts', 'care'];
const allNeeds = { id: true, housing: true, income: true, debts: true, care: false, bankAccount: true, digid: true };

/** The demo cases: who (DEMO_MARK is added to the name), where, when, and what happens to them after intake. */
const CASES = [
  { name: 'A. de Vries', prison: 'PI-ALMELO', municipality: 'GM0363', intake: -100, release: 20, screen: true },
  { name: 'B. Jansen', prison: 'PI-ALMELO', municipality: 'GM0363', intake: -3, release: 120 },
  { name: 'C. Bakker', prison: 'PI-ROTTERDAM', municipality: 'GM0599', intake: -40, release: null, screen: true },
  {
    name: 'D. Visser',
    prison: 'PI-ALMELO',
    municipality: 'GM0141',
    intake: -8,
    release: 2,
    needs: { ...allNeeds, housing: false },
  },
  { name: 'E. Smit', prison: 'PI-ZWOLLE', municipality: 'GM0193', intake: -20, release: 5, screen: true },
  {
    name: 'F. Meijer',
    prison: 'PI-ALMELO',
    municipality: 'GM0363',
    intake: -150,
    // Released ten days ago: an expected release date in the past is refused while detained (rule 10).
    release: null,
    screen: true,
    released: -10,
  },
  {
    name: 'G. de Boer',
    prison: 'PI-AMSTERDAM',
    municipality: 'GM0363',
    intake: -60,
    release: 60,
    screen: true,
    consent: { housing: false },
  },
  { name: 'H. Mulder', prison: 'PI-ROTTERDAM', municipality: 'GM0599', intake: -200, release: 10, screen: true },
  { name: 'I. de Groot', prison: 'PI-ALMELO', municipality: 'GM0344', intake: -30, release: 90, screen: true },
  {
    name: 'J. Bos',
    prison: 'PI-ALMELO',
    municipality: 'GM0363',
    intake: -30,
    release: 200,
    screen: true,
    end: 'deceased',
  },
  {
    name: 'K. Vos',
    prison: 'PI-ALMELO',
    municipality: 'GM0599',
    intake: -15,
    release: 75,
    screen: true,
    transfer: 'PI-ZWOLLE',
  },
  {
    name: 'L. Peters',
    prison: 'PI-ROTTERDAM',
    municipality: 'GM0599',
    intake: -120,
    release: null,
    screen: true,
    released: -5,
    resume: true,
  },
  // Remand released by the court yesterday, without an address: what he still needs went out at release (rule 1).
  {
    name: 'M. Visser',
    prison: 'PI-AMSTERDAM',
    municipality: 'GM0363',
    intake: -12,
    release: null,
    screen: true,
    released: -1,
    address: false,
  },
  // Three weeks, consent given at intake: the requests go out at intake, without waiting for the screening (rule 9).
  { name: 'N. Hendriks', prison: 'PI-ZWOLLE', municipality: 'GM0193', intake: -1, release: 20, intakeConsent: true },
];

const MUNICIPALITY_NAMES = {
  GM0141: 'Almelo',
  GM0193: 'Zwolle',
  GM0344: 'Utrecht',
  GM0363: 'Amsterdam',
  GM0599: 'Rotterdam',
};

/**
 * A functional mailbox for each demo municipality and probation organisation — so a demo case shows who to call and
 * its mails reach the mail catcher — only where the organisation has no contacts yet (never over a real registry).
 */
async function seedDemoContacts(call, admin) {
  const wanted = [
    ...[...new Set(CASES.map((c) => c.municipality))].map((code) => ({
      code,
      contacts: [
        {
          role: 'municipality',
          name: `Team Nazorg ${MUNICIPALITY_NAMES[code] ?? code} (demo)`,
          email: `nazorg@${code.toLowerCase()}.example`,
          phone: '+31 88 000 1000',
        },
      ],
    })),
    ...['RN', 'SVG'].map((code) => ({
      code,
      contacts: [
        { role: 'probation', name: `Reclassering ${code} (demo)`, email: `toezicht@${code.toLowerCase()}.example` },
      ],
    })),
  ];
  for (const { code, contacts } of wanted) {
    const registry = await call(admin, 'GET', `/api/v1/organisations/${code}/contacts`);
    if (registry.contacts.length === 0)
      await call(admin, 'PUT', `/api/v1/organisations/${code}/contacts`, { contacts });
  }
}

export async function seedDemoDetentions({ apiUrl, secret }) {
  const token = (role, org, sub) => mintToken(secret, { role, org, sub, expiresIn: '10m' });
  const call = async (who, method, url, body) => {
    const res = await fetchApi(apiUrl, url, {
      method,
      headers: { authorization: `Bearer ${await who}`, 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    const data = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${method} ${url}: HTTP ${res.status} ${JSON.stringify(data?.message ?? data)}`);
    return data;
  };
  const supervisor = token('supervisor', '*', 'demo-seeder');
  await seedDemoContacts(call, token('admin', '*', 'demo-seeder'));
  const present = new Set();
  for (let page = 1; ; page++) {
    const query = `q=${encodeURIComponent(DEMO_MARK.trim())}&pageSize=200&page=${page}`;
    const { items, total } = await call(supervisor, 'GET', `/api/v1/detentions?${query}`);
    for (const d of items) present.add(d.personName);
    if (page * 200 >= total) break;
  }
  const missing = CASES.map((demo, i) => ({ ...demo, n: i + 1, name: `${demo.name}${DEMO_MARK}` })).filter(
    (demo) => !present.has(demo.name),
  );

  const waitForTask = async (cm, id, type) => {
    for (let i = 0; i < 100; i++) {
      const { items } = await call(cm, 'GET', `/api/v1/tasks?detentionId=${id}&type=${type}&status=open`);
      if (items.length) return items[0];
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no ${type} task appeared for demo detention ${id}`);
  };

  for (const demo of missing) {
    const { n } = demo;
    const cm = token('casemanager', demo.prison, `cm-${demo.prison.toLowerCase()}`);
    const needs = demo.needs ?? allNeeds;
    const { id } = await call(cm, 'POST', '/api/v1/detentions', {
      person: { bsn: bsnFrom(99_990_000 + n * 97), name: demo.name, dateOfBirth: date(-365 * (25 + n)) },
      prison: demo.prison,
      municipality: demo.municipality,
      probation: n % 4 === 0 ? 'SVG' : 'RN',
      intakeDate: date(demo.intake),
      expectedReleaseDate: demo.release === null ? null : date(demo.release),
      casemanager: { name: 'Demo casemanager', email: 'casemanager@pi.example', phone: '+31 88 000 0000' },
      needs,
      idDocumentExpiry: null,
      ...(demo.intakeConsent ? { consent: Object.fromEntries(CONDITIONS.map((c) => [c, true])) } : {}),
    });
    if (demo.screen) {
      const screening = await waitForTask(cm, id, 'screening');
      await call(cm, 'POST', `/api/v1/tasks/${screening.id}/complete`, {
        outcome: 'completed',
        data: {
          needs,
          consent: Object.fromEntries(CONDITIONS.map((c) => [c, demo.consent?.[c] ?? true])),
          conditions: Object.fromEntries(
            CONDITIONS.map((c, i) => [c, needs[c] ? (i % 2 ? 'missing' : 'attention') : 'ok']),
          ),
          idDocumentExpiry: null,
        },
      });
    }
    if (demo.released !== undefined) {
      await call(cm, 'POST', `/api/v1/detentions/${id}/release`, {
        releaseDate: date(demo.released),
        releaseAddressKnown: demo.address ?? true,
      });
      if (demo.resume) {
        const municipality = token('municipality', demo.municipality, `mun-${demo.municipality}`);
        const task = await waitForTask(municipality, id, 'insurance-resumption');
        await call(municipality, 'POST', `/api/v1/tasks/${task.id}/complete`, {
          outcome: 'resumed',
          data: {
            careAllowanceApplied: true,
            conditions: { id: 'ok', housing: 'ok', income: 'attention', debts: 'ok', care: 'ok' },
          },
        });
      }
    }
    if (demo.transfer)
      await call(cm, 'POST', `/api/v1/detentions/${id}/transfer`, { prison: demo.transfer, date: date(0) });
    if (demo.end) await call(cm, 'POST', `/api/v1/detentions/${id}/end`, { reason: demo.end, date: date(0) });
  }
  return { seeded: missing.length, present: CASES.length - missing.length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const env = loadEnv();
  try {
    const { seeded } = await seedDemoDetentions({
      apiUrl: env.API_URL ?? `http://localhost:${env.PORT ?? 3000}`,
      secret: jwtSecret(env),
    });
    console.log(
      seeded ? `${seeded} demo detentions registered` : 'the demo detentions are there already: nothing seeded',
    );
  } catch (error) {
    const hint = error instanceof ApiUnreachableError ? ': is `npm start` running? (API_URL sets another address)' : '';
    fail(`demo detentions not registered: ${error.message}${hint}`);
  }
}
