import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Loopback, private, link-local, shared and unspecified ranges: no webhook goes there unless configured. */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

export interface WebhookUrlPolicy {
  /** Plain http allowed (development and tests only). */
  allowHttp: boolean;
  /** Loopback and private addresses allowed (WEBHOOK_ALLOW_PRIVATE_NETWORKS). */
  allowPrivate: boolean;
}

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPrivateAddress(mapped);
  const family = isIP(address);
  return family !== 0 && PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** What is wrong with a webhook URL under the policy, as a message naming the field; undefined when fine. */
export function webhookUrlProblem(value: string, policy: WebhookUrlPolicy): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'webhookUrl must be an http(s) URL';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp)) {
    return 'webhookUrl must be an https URL';
  }
  if (url.username || url.password) return 'webhookUrl must not carry credentials';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!policy.allowPrivate && (host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host))) {
    return 'webhookUrl must not point at loopback or private network addresses';
  }
  return undefined;
}

/**
 * At delivery: the host's addresses as DNS gives them now, so that a name that later resolves to an internal
 * address (DNS rebinding) is refused too. Returns a reason to refuse, or undefined.
 */
export async function webhookAddressProblem(value: string, policy: WebhookUrlPolicy): Promise<string | undefined> {
  const problem = webhookUrlProblem(value, policy);
  if (problem || policy.allowPrivate) return problem;
  const host = new URL(value).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return undefined;
  const addresses = await lookup(host, { all: true }).catch(() => []);
  return addresses.some((a) => isPrivateAddress(a.address))
    ? 'webhookUrl resolves to a loopback or private network address'
    : undefined;
}
