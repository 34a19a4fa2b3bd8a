import type { NextFunction, Request, Response } from 'express';
import { Histogram, type Registry } from 'prom-client';

/** Requests that matched no route (unknown paths, the static UI): one label, so no raw path becomes a series. */
const UNMATCHED = 'unmatched';

/**
 * HTTP latency per route as a histogram. The route label is the template Express matched
 * (`/detentions/:id`), never the path asked for: ids and whatever else a caller puts in a URL stay out.
 */
export function httpMetrics(registry: Registry) {
  const histogram = new Histogram({
    name: 'terugkeer_http_request_duration_seconds',
    help: 'Time to answer an HTTP request of the API, by route template, method and status',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return (req: Request, res: Response, next: NextFunction) => {
    const stop = histogram.startTimer();
    res.once('finish', () => {
      const template = (req.route as { path?: unknown } | undefined)?.path;
      // Nest registers every route with its whole path on the app's router: the template is the whole of it.
      const route = typeof template === 'string' ? template : UNMATCHED;
      stop({ route, method: req.method, status: String(res.statusCode) });
    });
    next();
  };
}
