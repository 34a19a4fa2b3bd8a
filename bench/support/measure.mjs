// Measuring: latencies and their percentiles, a burst with bounded concurrency, a constant request rate, polling.

/** The q-quantile (0..1) of sorted numbers, by the nearest-rank method (p99 of 200 samples is the 198th). */
export function quantile(sorted, q) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Latencies in ms (and the wall time they took) → count, throughput per second, p50/p90/p99/max. */
export function summarise(latencies, elapsedMs) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    n: sorted.length,
    elapsedMs: Math.round(elapsedMs),
    throughput: elapsedMs > 0 ? (sorted.length / elapsedMs) * 1000 : null,
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? null,
  };
}

/**
 * Runs `fn(i)` for i < n with at most `concurrency` in flight; answers the latency of each and the wall time of
 * all. A call that throws fails the burst: a benchmark that counts errors as fast answers lies.
 */
export async function burst(n, concurrency, fn) {
  const latencies = new Array(n);
  let next = 0;
  const began = performance.now();
  const lane = async () => {
    while (next < n) {
      const i = next++;
      const t0 = performance.now();
      await fn(i);
      latencies[i] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, lane));
  return { latencies, elapsedMs: performance.now() - began };
}

/**
 * Calls `fn(i)` at `rate` per second for `seconds` (an open loop: a slow answer does not slow the sending, up to
 * `maxInFlight`, beyond which a tick is skipped and counted). Answers the latencies, errors, skipped and the rate
 * achieved.
 */
export async function atRate(rate, seconds, fn, { maxInFlight = 500 } = {}) {
  const latencies = [];
  let errors = 0;
  let skipped = 0;
  let inFlight = 0;
  let sent = 0;
  const pending = new Set();
  const began = performance.now();
  const total = Math.round(rate * seconds);
  while (sent + skipped < total) {
    const due = began + ((sent + skipped) * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= maxInFlight) {
      skipped++;
      continue;
    }
    const i = sent++;
    inFlight++;
    const t0 = performance.now();
    const call = Promise.resolve()
      .then(() => fn(i))
      .then(
        () => latencies.push(performance.now() - t0),
        () => errors++,
      )
      .finally(() => {
        inFlight--;
        pending.delete(call);
      });
    pending.add(call);
  }
  await Promise.all(pending);
  const elapsedMs = performance.now() - began;
  return { ...summarise(latencies, elapsedMs), errors, skipped, rate: (latencies.length / elapsedMs) * 1000 };
}

/** Polls `probe` until it answers truthy; answers that. Fails with `what` after `timeoutMs`. */
export async function eventually(what, probe, { timeoutMs = 120_000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await probe();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
