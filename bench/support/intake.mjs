// Registering a population through the real path — `POST /api/v1/detentions` over HTTP, as a casemanager of the
// prison — and waiting until the workflows have done their first turns and the read models stopped changing.
import { call } from './http.mjs';
import { burst, sleep } from './measure.mjs';
import { intakeBody, PRISON_CODES } from './population.mjs';

/** A casemanager's token for every prison (registration is allowed at one's own prison only). */
export async function casemanagerTokens(stack) {
  const tokens = new Map();
  for (const prison of PRISON_CODES) tokens.set(prison, await stack.token('casemanager', prison));
  return tokens;
}

/**
 * Registers people `from` … `from + count - 1` of population `seed` with `concurrency` requests in flight.
 * Answers the detention ids, each request's latency and the wall time.
 */
export async function register(stack, count, { seed = 1, from = 0, concurrency = 32, overrides = {}, tokens } = {}) {
  const byPrison = tokens ?? (await casemanagerTokens(stack));
  const ids = new Array(count);
  const { latencies, elapsedMs } = await stack.guard(
    burst(count, concurrency, async (i) => {
      const body = intakeBody(from + i, { seed, overrides });
      const detention = await call(stack.apiUrl, 'POST', '/api/v1/detentions', {
        token: byPrison.get(body.prison),
        body,
      });
      ids[i] = detention.id;
    }),
  );
  return { ids, latencies, elapsedMs };
}

/**
 * Waits until every detention of the database has had a projection and nothing changed for `settleMs`: the
 * first turns, their partner deliveries and what those projected are done. Logs progress every 10 s.
 */
export async function waitUntilSettled(stack, db, { expected, log, timeoutMs = 30 * 60_000, settleMs = 3000 }) {
  const began = Date.now();
  let lastSeqs = -1;
  let stableSince = Date.now();
  let lastLog = Date.now();
  for (;;) {
    const { rows } = await stack.guard(
      db.pg.query(
        `SELECT count(*) FILTER (WHERE projected_seq > 0)::int AS projected, coalesce(sum(projected_seq), 0)::bigint AS seqs,
                (SELECT count(*) FROM requests WHERE delivery = 'pending')::int AS pending
           FROM detentions`,
      ),
    );
    const { projected, pending } = rows[0];
    const seqs = Number(rows[0].seqs);
    if (seqs !== lastSeqs) {
      lastSeqs = seqs;
      stableSince = Date.now();
    }
    if (projected >= expected && pending === 0 && Date.now() - stableSince >= settleMs) {
      return { ms: Date.now() - began - settleMs, projected };
    }
    if (Date.now() - began > timeoutMs) {
      throw new Error(
        `only ${projected} of ${expected} detentions projected (${pending} deliveries pending) after ${Math.round(timeoutMs / 1000)} s`,
      );
    }
    if (log && Date.now() - lastLog >= 10_000) {
      lastLog = Date.now();
      log(
        `  … ${projected}/${expected} detentions projected, ${pending} deliveries pending (${Math.round((Date.now() - began) / 1000)} s)`,
      );
    }
    // A count over every detention: often for a few, less often for a nation.
    await sleep(expected > 2000 ? 1000 : 250);
  }
}
