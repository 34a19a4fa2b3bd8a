// A constant request rate on the API from autocannon, and the same rate on bare Temporal from this process.
//
// autocannon paces each connection by the second: at the start of every second each connection sends its share back
// to back. One instance with all connections would therefore fire the whole second's requests at once and measure
// its own queue. Here the rate is split over `slices` instances started 1/slices of a second apart, each with a few
// connections, so that requests arrive in small groups spread over the second; the latency of every response is
// collected (autocannon's 'response' event) and the percentiles are computed over all of them.
import { createRequire } from 'node:module';
import { atRate, summarise } from './measure.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

/**
 * GETs on the API at `rate` per second for `seconds`; `next()` answers `{ path, token }` for each request.
 * Answers the latency summary, the rate achieved, and the answers that were not 2xx (errors, timeouts).
 */
export async function loadApi({ apiUrl, rate, seconds, next, slices = 20, connectionsPerSlice = 5, timeoutS = 10 }) {
  const latencies = [];
  const statuses = {};
  const began = performance.now();
  const runs = [];
  for (let s = 0; s < slices; s++) {
    const sliceRate = Math.round(((s + 1) * rate) / slices) - Math.round((s * rate) / slices);
    if (sliceRate === 0) continue;
    await new Promise((r) => setTimeout(r, 1000 / slices));
    runs.push(
      new Promise((resolve, reject) => {
        const instance = autocannon(
          {
            url: apiUrl,
            connections: Math.min(connectionsPerSlice, sliceRate),
            overallRate: sliceRate,
            duration: seconds,
            timeout: timeoutS,
            requests: [
              {
                method: 'GET',
                setupRequest: (request) => {
                  const { path, token } = next();
                  return { ...request, path, headers: { ...request.headers, authorization: token } };
                },
              },
            ],
          },
          (error, result) => (error ? reject(error) : resolve(result)),
        );
        instance.on('response', (_client, statusCode, _bytes, responseTime) => {
          statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
          if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
        });
      }),
    );
  }
  const results = await Promise.all(runs);
  const errors = results.reduce((sum, r) => sum + r.errors, 0);
  const timeouts = results.reduce((sum, r) => sum + r.timeouts, 0);
  const elapsedMs = performance.now() - began;
  const summary = summarise(latencies, elapsedMs);
  const failed = Object.entries(statuses)
    .filter(([code]) => Number(code) >= 300)
    .reduce((sum, [, count]) => sum + count, 0);
  return { ...summary, rate: latencies.length / seconds, statuses, failed, errors, timeouts };
}

/** The bare side: `fn(i)` at `rate` per second for `seconds`, from this process (an open loop, see atRate). */
export async function loadBare({ rate, seconds, fn }) {
  const result = await atRate(rate, seconds, fn);
  return { ...result, rate: result.n / seconds, failed: result.errors };
}
