import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@terugkeer/config';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { httpMetrics } from './http-metrics';
import { ReadModelGauges } from './read-model-gauges';

/**
 * The API's Prometheus metrics (METRICS_ENABLED): HTTP latency per route, the intake relay's backlog, projection
 * lag and partner delivery failures, served at `/metrics` on a port of their own (METRICS_HOST:METRICS_PORT),
 * not on the API's port: the public side never shows them, and scrapes pass no authentication or rate limit.
 */
@Injectable()
export class MetricsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsService.name);
  private readonly registry = new Registry();
  private readonly gauges: ReadModelGauges;
  private server?: Server;
  readonly middleware = httpMetrics(this.registry);

  constructor(
    private readonly config: AppConfig,
    dataSource: DataSource,
  ) {
    this.gauges = new ReadModelGauges(dataSource, this.registry);
    if (config.metricsEnabled) collectDefaultMetrics({ register: this.registry, prefix: 'terugkeer_api_' });
  }

  get enabled(): boolean {
    return this.config.metricsEnabled;
  }

  /** Where the metrics listen, once started. */
  address(): AddressInfo | undefined {
    return (this.server?.address() as AddressInfo | null) ?? undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found: the metrics are at GET /metrics\n');
        return;
      }
      void this.scrape().then(
        (body) => res.writeHead(200, { 'Content-Type': this.registry.contentType }).end(body),
        (error: unknown) => {
          this.logger.error(`metrics scrape failed: ${(error as Error).message}`);
          res.writeHead(500, { 'Content-Type': 'text/plain' }).end('metrics unavailable\n');
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.METRICS_PORT, this.config.METRICS_HOST, () => resolve());
    });
    this.server = server;
    this.logger.log(`metrics at http://${this.config.METRICS_HOST}:${this.config.METRICS_PORT}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async scrape(): Promise<string> {
    await this.gauges.refresh();
    return this.registry.metrics();
  }
}
