import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import request from 'supertest';
import { MetricsService } from '../../apps/api/src/metrics/metrics.service';
import { intakeBody } from '../support/intake';
import { freePort } from '../support/ports';
import { eventually, startApi, startStack, type Stack } from '../support/stack';

/** One sample of a Prometheus text exposition: `name{labels} value`, the labels as written. */
function sample(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `) || l === `${name} ${labels}`);
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}
const value = (text: string, name: string) =>
  Number(
    text
      .split('\n')
      .find((l) => l.startsWith(`${name} `))
      ?.split(' ')[1],
  );

/**
 * The metrics on the real stack (issue 11, item 6): the API's at /metrics on its own port, with latency per route
 * template, the relay's backlog, projection lag and delivery failures per partner; the worker's Temporal SDK
 * metrics from the SDK's runtime. And none of it without METRICS_ENABLED.
 */
describe('Prometheus metrics', () => {
  let stack: Stack;
  let partner: Server;
  let idle: NestExpressApplication;
  let apiMetrics: string;
  let workerMetrics: string;

  beforeAll(async () => {
    // A partner that refuses every message: its deliveries end as rejected.
    partner = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(400).end());
    });
    await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
    const [metricsPort, workerMetricsPort] = [await freePort(), await freePort()];
    apiMetrics = `http://127.0.0.1:${metricsPort}/metrics`;
    workerMetrics = `http://127.0.0.1:${workerMetricsPort}/metrics`;
    stack = await startStack({
      env: {
        METRICS_ENABLED: 'true',
        METRICS_PORT: String(metricsPort),
        WORKER_METRICS_PORT: String(workerMetricsPort),
      },
    });
    await stack
      .http()
      .post('/api/v1/partners')
      .set('Authorization', await stack.as('admin', '*'))
      .send({
        id: 'gm0363-desk',
        name: 'Amsterdam desk',
        types: ['detention-start-notice'],
        municipalities: ['GM0363'],
        webhookUrl: `http://127.0.0.1:${(partner.address() as { port: number }).port}/hook`,
        government: true,
      })
      .expect(201);
    // A second API with the defaults, on a task queue no worker polls: its workflows start and never project.
    idle = await startApi({ ...stack.options, env: {}, taskQueue: `nobody-polls-${randomUUID()}` });
  });
  afterAll(async () => {
    await idle?.close();
    await stack?.close();
    partner?.close();
  });

  const scrape = async () => {
    const res = await fetch(apiMetrics);
    expect(res.status).toBe(200);
    return res.text();
  };

  it('measures latency per route template, never the raw path', async () => {
    const casemanager = await stack.as('casemanager', 'PI-ALMELO');
    const created = await stack.http().post('/api/v1/detentions').set('Authorization', casemanager).send(intakeBody());
    const id = created.body.id as string;
    await stack.http().get(`/api/v1/detentions/${id}`).set('Authorization', casemanager).expect(200);
    await stack.http().get('/api/v1/no-such-thing').set('Authorization', casemanager).expect(404);
    const text = await scrape();
    const count = 'terugkeer_http_request_duration_seconds_count';
    expect(sample(text, count, 'route="/api/v1/detentions/:id",method="GET",status="200"')).toBe(1);
    expect(sample(text, count, 'route="/api/v1/detentions",method="POST",status="201"')).toBe(1);
    // Nest's not-found handler is a route of its own: its template, not the path asked for.
    expect(sample(text, count, 'route="/{*path}",method="GET",status="404"')).toBe(1);
    expect(text).not.toContain(id);
    expect(text).not.toContain('no-such-thing');
    // Not on the API's own port.
    await stack.http().get('/metrics').expect(404);
  });

  it('counts deliveries a partner rejected, by partner', async () => {
    const text = await eventually(async () => {
      const text = await scrape();
      expect(sample(text, 'terugkeer_partner_delivery_failures', 'partner="gm0363-desk",delivery="rejected"')).toBe(1);
      return text;
    }, 60_000);
    expect(value(text, 'terugkeer_read_models_up')).toBe(1);
  });

  it('shows the projection lag of a workflow that started without being projected, and the relay backlog', async () => {
    const casemanager = await stack.as('casemanager', 'PI-ALMELO');
    await request(idle.getHttpServer())
      .post('/api/v1/detentions')
      .set('Authorization', casemanager)
      .send(intakeBody({ person: { bsn: '111222333' } }))
      .expect(201);
    // A refusal as the relay records it when Temporal refuses a start for good (its own test covers that path).
    await stack.pg.query(
      `UPDATE detentions SET workflow_started_at = NULL, workflow_start_refused_at = now()
       WHERE id = (SELECT id FROM detentions WHERE workflow_started_at IS NOT NULL AND projected_seq > 0 LIMIT 1)`,
    );
    await eventually(async () => {
      const text = await scrape();
      expect(value(text, 'terugkeer_projection_lag_seconds')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'terugkeer_intake_relay_backlog', 'state="refused"')).toBe(1);
      expect(sample(text, 'terugkeer_intake_relay_backlog', 'state="waiting"')).toBe(0);
      expect(value(text, 'terugkeer_projection_dead_letters_open')).toBe(0);
    }, 30_000);
  });

  it("serves the worker's Temporal SDK metrics", async () => {
    const text = await eventually(async () => {
      const res = await fetch(workerMetrics);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toMatch(/^temporal_workflow_task_execution_latency_count\{/m);
      return text;
    }, 30_000);
    expect(text).toMatch(/^temporal_activity_execution_latency_count\{/m);
    expect(text).toMatch(/task_queue="e2e-/);
  });

  it('is off by default: no metrics server, /metrics is 404', async () => {
    expect(idle.get(MetricsService).address()).toBeUndefined();
    await request(idle.getHttpServer()).get('/metrics').expect(404);
  });
});
