import { CONFIG_KEYS, loadConfig } from '@terugkeer/config';
import { SEARCH_ATTRIBUTES } from '@terugkeer/contracts';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;

// What an operator sets: random values (production refuses example and non-random secrets).
const RANDOM_SECRET = randomBytes(24).toString('base64url');
const RANDOM_KEY = randomBytes(32).toString('base64');

/** The environment an app container gets, with `${VAR:?...}` substituted as compose would. */
function appEnv(name: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(services[name].environment ?? {}).map(([k, v]) => [
      k,
      String(v)
        .replace(/\$\{AUTH_JWT_SECRET:\?[^}]*\}/, RANDOM_SECRET)
        .replace(/\$\{TEMPORAL_PAYLOAD_KEY:\?[^}]*\}/, RANDOM_KEY)
        .replace(/\$\{PARTNER_SECRET_KEY:\?[^}]*\}/, randomBytes(32).toString('base64'))
        .replace(/\$\{BSN_HASH_KEY:\?[^}]*\}/, randomBytes(32).toString('base64')),
    ]),
  );
}

describe('docker-compose.yml', () => {
  it('has the Temporal cluster on PostgreSQL, its UI, the app PostgreSQL, migrations, api and worker', () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        'api',
        'migrate',
        'postgres',
        'temporal',
        'temporal-postgres',
        'temporal-search-attributes',
        'temporal-ui',
        'worker',
      ].sort(),
    );
    expect(services.temporal.image).toMatch(/^temporalio\/auto-setup:/);
    expect(services.temporal.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'temporal-postgres' });
    expect(services['temporal-ui'].image).toMatch(/^temporalio\/ui:/);
    for (const app of ['api', 'worker', 'migrate']) expect(services[app].build).toBe('.');
  });

  it.each(['api', 'worker', 'migrate'])(
    'gives %s only variables the apps know, forming a valid configuration',
    (name) => {
      const env = appEnv(name);
      for (const key of Object.keys(env)) expect(CONFIG_KEYS).toContain(key);
      expect(() => loadConfig(env)).not.toThrow();
    },
  );

  it('points the apps at services that exist, on the ports they listen on', () => {
    const config = loadConfig(appEnv('api'));
    const [temporalHost, temporalPort] = config.TEMPORAL_ADDRESS.split(':');
    expect(services[temporalHost]).toBeDefined();
    expect(temporalPort).toBe('7233');
    // Temporal is reached on the compose network only: its port is not published.
    expect(services[temporalHost].ports ?? []).toEqual([]);

    const db = new URL(config.DATABASE_URL);
    const pg = services[db.hostname];
    expect(pg.image).toMatch(/^postgres:/);
    expect(pg.environment).toMatchObject({
      POSTGRES_USER: db.username,
      POSTGRES_PASSWORD: db.password,
      POSTGRES_DB: db.pathname.slice(1),
    });

    expect(services.api.ports).toContain(`${config.PORT}:${config.PORT}`);
    expect(services['temporal-ui'].environment?.TEMPORAL_ADDRESS).toBe(config.TEMPORAL_ADDRESS);
  });

  it('publishes no writable Temporal UI, and that only on this host', () => {
    expect(services['temporal-ui'].environment).toMatchObject({ TEMPORAL_DISABLE_WRITE_ACTIONS: 'true' });
    for (const port of services['temporal-ui'].ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:/);
  });

  it('runs the compiled entry points that the build produces', () => {
    expect(services.api.command).toContain('dist/apps/api/src/main.js');
    expect(services.worker.command).toContain('dist/apps/worker/src/main.js');
    expect(services.migrate.command).toContain('dist/libs/persistence/src/migrate.js');
  });

  it('registers exactly the search attributes the workflow uses', () => {
    const script = (services['temporal-search-attributes'].command ?? []).join(' ');
    const registered = [...script.matchAll(/(\w+)=(Keyword|Datetime)/g)].map((m) => m[1]).sort();
    expect(registered).toEqual(SEARCH_ATTRIBUTES.map((key) => key.name).sort());
  });

  it('builds from a multi-stage Dockerfile that ships dist/ and the prebuilt workflow bundle', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/scripts\/build\.mjs/);
    expect(dockerfile).toMatch(/COPY --from=build \/app\/dist dist/);
  });
});

describe('.env.example', () => {
  const listed = Object.fromEntries(
    read('.env.example')
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

  it('lists every variable the apps read', () => {
    for (const key of CONFIG_KEYS) expect(Object.keys(listed)).toContain(key);
  });

  it('holds defaults that form a valid configuration once the required values are given', () => {
    const config = loadConfig({
      ...listed,
      DATABASE_URL: 'postgres://p@h/db',
      AUTH_JWT_SECRET: RANDOM_SECRET,
      TEMPORAL_PAYLOAD_KEY: RANDOM_KEY,
      PARTNER_SECRET_KEY: randomBytes(32).toString('base64'),
      BSN_HASH_KEY: randomBytes(32).toString('base64'),
    });
    expect(config.PORT).toBe(3000);
    expect(config.TEMPORAL_ADDRESS).toBe('127.0.0.1:7233');
  });
});
