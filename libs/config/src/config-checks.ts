import type { AppConfig } from './app-config';

// The checks across variables that start-up makes beyond each variable's own rule (see loadConfig).

/**
 * An identity provider's keys are fetched over https only (plain http is allowed for a JWKS on this machine,
 * outside production), and its tokens must name the issuer and audience we expect.
 */
export function jwksProblems(config: AppConfig): string[] {
  const problems: string[] = [];
  let url: URL | undefined;
  try {
    url = new URL(config.AUTH_JWKS_URL!);
  } catch {
    return problems; // reported by @IsUrl
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(local && config.NODE_ENV !== 'production')) {
    problems.push('AUTH_JWKS_URL must be an https URL: keys fetched over plain http can be swapped');
  }
  if (!config.AUTH_JWT_ISSUER) problems.push('AUTH_JWT_ISSUER must be set with AUTH_JWKS_URL (the `iss` to accept)');
  if (!config.AUTH_JWT_AUDIENCE)
    problems.push('AUTH_JWT_AUDIENCE must be set with AUTH_JWKS_URL (the `aud` to accept)');
  return problems;
}

/** Words of example and placeholder secrets, which a real random secret does not contain. */
const PLACEHOLDER = /change|example|default|password|secret|placeholder/i;

/**
 * In production a secret must look random: not a copied example, not a run of few characters. The values are
 * never echoed.
 */
export function weakSecrets(config: AppConfig): string[] {
  const problems: string[] = [];
  const secret = config.AUTH_JWT_SECRET;
  if (secret !== undefined && (new Set(secret).size < 12 || PLACEHOLDER.test(secret))) {
    problems.push('AUTH_JWT_SECRET looks like an example or a default: use 32 or more random characters');
  }
  const key = Buffer.from(config.TEMPORAL_PAYLOAD_KEY, 'base64');
  if (new Set(key).size < 16) {
    problems.push('TEMPORAL_PAYLOAD_KEY is not random: generate it with `openssl rand -base64 32`');
  }
  // One key per purpose, so that each can be rotated on its own.
  for (const name of ['PARTNER_SECRET_KEY', 'BSN_HASH_KEY'] as const) {
    const value = config[name];
    if (!value) problems.push(`${name} must be set in production (its own key: \`openssl rand -base64 32\`)`);
    else if (value === config.TEMPORAL_PAYLOAD_KEY) problems.push(`${name} must differ from TEMPORAL_PAYLOAD_KEY`);
  }
  return problems;
}
