import type { Principal } from '@terugkeer/auth';
import type { Actor } from '@terugkeer/contracts';

/** Who acts, as the workflow records it: from the verified token only. */
export const actorOf = (principal: Principal): Actor => ({
  sub: principal.sub,
  role: principal.role,
  org: principal.org,
});
