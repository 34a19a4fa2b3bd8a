import {
  PARTNER_HEADER,
  SIGNATURE_HEADER,
  signatureScope,
  signPayload,
  TIMESTAMP_HEADER,
  verifySignature,
} from '@terugkeer/auth';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How one simulated chain organisation behaves. Rates are fractions 0–1; latency in ms. */
export interface PartnerBehaviour {
  latencyMs?: number;
  /** Share of deliveries answered 503 (the message is then retried by Terugkeer). */
  failureRate?: number;
  /** Answer the first N deliveries of each message with this status (e.g. 503 twice, then accept). */
  failFirst?: { count: number; status: number; retryAfterSeconds?: number };
  /** Of the requests it answers, the share it declines (the rest it accepts and completes). */
  declineRate?: number;
  /** Answer requests (received → acknowledged → accepted/declined → completed); off: stay silent. */
  answer?: boolean;
  /** Complete accepted requests (default) or leave them accepted. */
  complete?: boolean;
  /** Pause between the answers it sends back, in ms. */
  answerDelayMs?: number;
}

export interface SimulatedPartner {
  id: string;
  secret: string;
  behaviour?: PartnerBehaviour;
}

/** What the simulator saw of one message (one Idempotency-Key). */
export interface ReceivedMessage {
  key: string;
  partnerId: string;
  requestId: string;
  event: string;
  type: string;
  /** Every POST with this key, including retries and duplicates. */
  attempts: number;
  /** Times it was taken in as new work: exactly once per key. */
  processed: number;
  /** Each attempt carried the same body (a retry, never another message). */
  identicalBodies: boolean;
  body: Record<string, unknown>;
}

export interface SimulatorOptions {
  partners: SimulatedPartner[];
  /** Deterministic randomness for tests and demos. */
  seed?: number;
  /** Called for every POST before it is answered (tests use it to kill a worker mid-delivery). */
  onDelivery?: (message: { key: string; partnerId: string; attempt: number }) => void;
  log?: (line: string) => void;
}

/**
 * A simulated chain organisation (or several): a real HTTP server that receives Terugkeer's signed webhooks at
 * `POST /webhooks/<partnerId>`, checks the signature, takes each Idempotency-Key in once, answers with the
 * configured latency and failure rates, and calls back with its responses, signed with its secret.
 */
export class PartnerSimulator {
  private server?: Server;
  private readonly partners = new Map<string, SimulatedPartner>();
  private readonly messages = new Map<string, ReceivedMessage & { hash: string }>();
  private readonly answers: Promise<void>[] = [];
  private random: () => number;

  constructor(private readonly options: SimulatorOptions) {
    for (const partner of options.partners) this.partners.set(partner.id, partner);
    this.random = mulberry32(options.seed ?? Date.now());
  }

  setPartner(partner: SimulatedPartner): void {
    this.partners.set(partner.id, partner);
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
    const { port: actual } = this.server.address() as AddressInfo;
    return `http://${host}:${actual}`;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.answers);
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  received(): ReceivedMessage[] {
    return [...this.messages.values()].map(({ hash: _hash, ...message }) => message);
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const reply = (status: number, body: object, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const raw = await readBody(req);
    if (req.method === 'GET' && req.url === '/health') return reply(200, { status: 'ok' });
    if (req.method === 'GET' && req.url === '/deliveries') return reply(200, { items: this.received() });
    const match = req.method === 'POST' ? /^\/webhooks\/([^/?]+)$/.exec(req.url ?? '') : null;
    if (!match) return reply(404, { error: 'not found' });

    const partner = this.partners.get(decodeURIComponent(match[1]));
    if (!partner) return reply(404, { error: 'unknown partner' });
    const verdict = verifySignature(
      [partner.secret],
      req.headers[TIMESTAMP_HEADER] as string | undefined,
      req.headers[SIGNATURE_HEADER] as string | undefined,
      raw,
    );
    if (!verdict.ok) {
      this.options.log?.(`${partner.id}: refused a webhook: ${verdict.reason}`);
      return reply(401, { error: verdict.reason });
    }
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !key) return reply(400, { error: 'Idempotency-Key header required' });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return reply(400, { error: 'body is not JSON' });
    }

    // Over the bytes as sent: a retry carries exactly the same body, not merely an equivalent one.
    const hash = createHash('sha256').update(raw).digest('hex');
    const known = this.messages.get(key);
    const message = known ?? {
      key,
      partnerId: partner.id,
      requestId: String(body.requestId),
      event: String(body.event ?? 'request'),
      type: String(body.type),
      attempts: 0,
      processed: 0,
      identicalBodies: true,
      body,
      hash,
    };
    message.attempts++;
    if (message.hash !== hash) message.identicalBodies = false;
    this.messages.set(key, message);
    this.options.onDelivery?.({ key, partnerId: partner.id, attempt: message.attempts });

    const behaviour = partner.behaviour ?? {};
    if (behaviour.latencyMs) await sleep(behaviour.latencyMs);
    if (behaviour.failFirst && message.attempts <= behaviour.failFirst.count) {
      const headers: Record<string, string> = behaviour.failFirst.retryAfterSeconds
        ? { 'retry-after': String(behaviour.failFirst.retryAfterSeconds) }
        : {};
      return reply(behaviour.failFirst.status, { error: 'simulated failure' }, headers);
    }
    if (behaviour.failureRate && this.random() < behaviour.failureRate)
      return reply(503, { error: 'simulated outage' });
    if (message.processed > 0) return reply(200, { status: 'duplicate', key });
    message.processed = 1;
    reply(202, { status: 'accepted', key });
    if (message.event === 'request' && behaviour.answer !== false && typeof body.respondUrl === 'string') {
      this.answers.push(
        this.answer(partner, body.respondUrl, behaviour, String(body.type).endsWith('-notice')).catch((e: Error) =>
          this.options.log?.(`${partner.id}: answering failed: ${e.message}`),
        ),
      );
    }
  }

  /** The closed loop as a partner runs it: received, acknowledged, then accepted and completed — or declined. */
  private async answer(partner: SimulatedPartner, respondUrl: string, behaviour: PartnerBehaviour, notice: boolean) {
    const decline = this.random() < (behaviour.declineRate ?? 0);
    const steps = notice
      ? // A notice is taken note of: received, then done.
        [{ status: 'received' }, { status: 'completed' }]
      : decline
        ? [
            { status: 'received' },
            { status: 'acknowledged' },
            { status: 'declined', reason: 'no capacity (simulated)' },
          ]
        : [
            { status: 'received' },
            { status: 'acknowledged', reference: `SIM-${Math.floor(this.random() * 1e6)}` },
            { status: 'accepted' },
            ...(behaviour.complete === false ? [] : [{ status: 'completed' }]),
          ];
    for (const step of steps) {
      await sleep(behaviour.answerDelayMs ?? 200);
      const raw = JSON.stringify(step);
      const timestamp = Math.floor(Date.now() / 1000);
      const res = await fetch(respondUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [PARTNER_HEADER]: partner.id,
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signPayload(
            partner.secret,
            timestamp,
            raw,
            signatureScope('POST', new URL(respondUrl).pathname),
          ),
        },
        body: raw,
      });
      if (!res.ok) {
        this.options.log?.(`${partner.id}: answer ${step.status} got ${res.status}`);
        return;
      }
    }
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

/** A small seeded PRNG (mulberry32): the same seed gives the same accept/decline/failure sequence. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
