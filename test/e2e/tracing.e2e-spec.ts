import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { amsterdamDate, BASIC_CONDITIONS } from '@terugkeer/domain';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { exited, spawnApi, spawnWorker } from '../support/compiled-app';
import { createTestDatabase } from '../support/database';
import { localTemporal } from '../support/dev-server';
import { eventually } from '../support/eventually';
import { intakeBody } from '../support/intake';
import { uniquePerson } from '../support/people';
import { tokenFor } from '../support/tokens';

interface ReceivedSpan {
  service: string;
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, unknown>;
}
type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean };
type OtlpAttribute = { key: string; value: OtlpValue };
interface OtlpTraces {
  resourceSpans: {
    resource: { attributes: OtlpAttribute[] };
    scopeSpans: {
      spans: { name: string; traceId: string; spanId: string; parentSpanId?: string; attributes: OtlpAttribute[] }[];
    }[];
  }[];
}

const valueOf = (v: OtlpValue) => v.stringValue ?? v.intValue ?? v.boolValue;
const attributesOf = (list: OtlpAttribute[] = []) => Object.fromEntries(list.map((a) => [a.key, valueOf(a.value)]));

/** A collector's OTLP/HTTP endpoint, as Jaeger or the OTel Collector serve it: POST /v1/traces, JSON encoded. */
async function otlpReceiver() {
  const spans: ReceivedSpan[] = [];
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.method !== 'POST' || req.url !== '/v1/traces' || !req.headers['content-type']?.includes('json')) {
        res.writeHead(415).end();
        return;
      }
      bodies.push(body);
      for (const { resource, scopeSpans } of (JSON.parse(body) as OtlpTraces).resourceSpans) {
        const service = String(attributesOf(resource.attributes)['service.name']);
        for (const span of scopeSpans.flatMap((s) => s.spans)) {
          spans.push({ ...span, service, attributes: attributesOf(span.attributes) });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    spans,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * OpenTelemetry tracing on the compiled apps, each in its own process as in production (issue 11, item 6): one
 * trace from the HTTP request through the Temporal client's start or update and the workflow to its activities,
 * exported over OTLP/HTTP to a real receiver; no personal data in it; and nothing at all without OTEL_ENABLED.
 */
describe('OpenTelemetry tracing', () => {
  let temporal: TestWorkflowEnvironment;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let receiver: Awaited<ReturnType<typeof otlpReceiver>>;
  let silent: Awaited<ReturnType<typeof otlpReceiver>>;
  const children: ChildProcess[] = [];

  /** A compiled API and worker on a task queue of their own. */
  async function apps(env: Record<string, string>) {
    const options = { databaseUrl: db.url, temporalAddress: temporal.address, taskQueue: `e2e-${randomUUID()}` };
    const api = await spawnApi({ ...options, env });
    children.push(api.child);
    children.push(spawnWorker({ ...options, env: { ...env, PUBLIC_BASE_URL: api.url } }));
    return api.url;
  }

  beforeAll(async () => {
    [temporal, db, receiver, silent] = await Promise.all([
      localTemporal(),
      createTestDatabase(),
      otlpReceiver(),
      otlpReceiver(),
    ]);
  });
  afterAll(async () => {
    // SIGTERM: the apps flush their last spans on the way out.
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map(exited));
    await Promise.all([receiver?.close(), silent?.close()]);
    await temporal?.teardown();
    await db?.drop();
  });

  const casemanager = () => tokenFor('casemanager', 'PI-ALMELO', { sub: 'cm-almelo' }).then((t) => `Bearer ${t}`);
  const call = async (url: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: await casemanager(), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  /** The trace of the API's server span for `method path`, once it holds a span of each of `names`. */
  async function traceOf(method: string, path: string, names: string[]): Promise<ReceivedSpan[]> {
    return eventually(async () => {
      const server = receiver.spans.find(
        (s) =>
          s.service === 'terugkeer-api' &&
          s.attributes['http.method'] === method &&
          s.attributes['http.target'] === path,
      );
      expect(server).toBeDefined();
      const trace = receiver.spans.filter((s) => s.traceId === server!.traceId);
      for (const name of names) expect([name, trace.some((s) => s.name.startsWith(name))]).toEqual([name, true]);
      return trace;
    }, 90_000);
  }
  const one = (trace: ReceivedSpan[], name: string) => trace.find((s) => s.name.startsWith(name))!;

  it('follows an intake from its HTTP request through the workflow start and the workflow to an activity', async () => {
    const url = await apps({ OTEL_ENABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    const { surname, ...person } = uniquePerson();
    const created = await call(url, 'POST', '/api/v1/detentions', intakeBody({ person }));
    expect(created.status).toBe(201);

    const trace = await traceOf('POST', '/api/v1/detentions', [
      'StartWorkflow:detentionWorkflow',
      'StartActivity:projectDetention',
      'RunActivity:projectDetention',
    ]);
    const server = trace.find((s) => s.attributes['http.target'] === '/api/v1/detentions')!;
    // Named after the route template, never after the path asked for.
    expect(server).toMatchObject({
      name: 'POST /api/v1/detentions',
      attributes: { 'http.route': '/api/v1/detentions' },
    });
    const start = one(trace, 'StartWorkflow:');
    const activity = trace.find((s) => s.name === 'RunActivity:projectDetention')!;
    const scheduled = trace.find((s) => s.spanId === activity.parentSpanId)!;
    // A chain, not only a shared trace id: request → client start → (workflow) → activity scheduled → activity run.
    expect(start).toMatchObject({ service: 'terugkeer-api', parentSpanId: server.spanId });
    expect(start.attributes.temporalWorkflowId).toBe(`detention-${created.body.id}`);
    expect(scheduled).toMatchObject({ service: 'terugkeer-worker', name: 'StartActivity:projectDetention' });
    expect(activity).toMatchObject({ service: 'terugkeer-worker' });
    expect(activity.attributes.temporalWorkflowId).toBe(`detention-${created.body.id}`);

    // An update: the screening completed through the API is traced the same way, in a trace of its own.
    const screening = await eventually(async () => {
      const { body } = await call(url, 'GET', `/api/v1/tasks?detentionId=${created.body.id}&type=screening`);
      expect(body.items).toHaveLength(1);
      return (body.items as { id: string }[])[0];
    });
    const completed = await call(url, 'POST', `/api/v1/tasks/${screening.id}/complete`, {
      outcome: 'completed',
      data: {
        needs: { id: false, housing: true, income: false, debts: false, care: false, bankAccount: false, digid: false },
        consent: { id: true, housing: true, income: true, debts: true, care: true },
        conditions: Object.fromEntries(BASIC_CONDITIONS.map((c) => [c, 'attention'])),
        idDocumentExpiry: '2035-01-01',
      },
    });
    expect(completed.status).toBe(200);
    const update = await traceOf('POST', `/api/v1/tasks/${screening.id}/complete`, [
      'StartWorkflowUpdate:completeTask',
      'HandleUpdate:completeTask',
      'StartActivity:projectDetention',
      'RunActivity:projectDetention',
    ]);
    expect(one(update, 'HandleUpdate:').parentSpanId).toBe(one(update, 'StartWorkflowUpdate:').spanId);
    expect(update.map((s) => s.traceId)).not.toContain(server.traceId);
    expect(update.map((s) => s.name)).toContain('POST /api/v1/tasks/:id/complete');

    // A search by name: its query string stays out of the span, as the name and the BSN stay out of every span.
    expect((await call(url, 'GET', `/api/v1/detentions?q=${surname}`)).status).toBe(200);
    const search = (await traceOf('GET', '/api/v1/detentions', [])).find((s) => s.attributes['http.method'] === 'GET')!;
    expect(search.attributes['http.url']).toMatch(/\/api\/v1\/detentions$/);
    // Nor who called: no address, no user agent.
    for (const key of ['net.peer.ip', 'http.client_ip', 'http.user_agent']) {
      expect(search.attributes).not.toHaveProperty([key]);
      expect(server.attributes).not.toHaveProperty([key]);
    }

    // The workflow's own span lasts as long as the detention: it reaches the collector once the workflow ends.
    const ended = await call(url, 'POST', `/api/v1/detentions/${created.body.id}/end`, {
      reason: 'deceased',
      date: amsterdamDate(Date.now()),
    });
    expect(ended.status).toBe(200);
    const whole = await traceOf('POST', '/api/v1/detentions', ['RunWorkflow:detentionWorkflow']);
    const run = one(whole, 'RunWorkflow:');
    expect(run).toMatchObject({ service: 'terugkeer-worker', parentSpanId: start.spanId });
    expect(run.attributes.workflowId).toBe(`detention-${created.body.id}`);
    expect(scheduled.parentSpanId).toBe(run.spanId);

    const everything = receiver.bodies.join('\n');
    for (const secret of [surname, person.bsn, person.dateOfBirth]) {
      expect(everything).not.toContain(secret);
    }
  }, 240_000);

  it('starts nothing of OpenTelemetry without OTEL_ENABLED, even with an endpoint set', async () => {
    const url = await apps({ OTEL_EXPORTER_OTLP_ENDPOINT: silent.url });
    const created = await call(url, 'POST', '/api/v1/detentions', intakeBody({ person: { bsn: uniquePerson().bsn } }));
    expect(created.status).toBe(201);
    // The workflow has run its activities (the projection is one): past the point the traced apps had sent spans.
    await eventually(async () => {
      const { body } = await call(url, 'GET', `/api/v1/tasks?detentionId=${created.body.id}&type=screening`);
      expect(body.items).toHaveLength(1);
    });
    // Longer than the exporter's batching delay (5 s): a batch would have been sent by now.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(silent.bodies).toEqual([]);
  });
});
