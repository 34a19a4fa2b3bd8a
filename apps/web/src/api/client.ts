import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

const TOKEN_KEY = 'terugkeer.token';

export const tokenStore = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

const about = (message: string, path: string) =>
  message === path || message.startsWith(`${path} `) || message.startsWith(`${path}.`);

/** An answer other than 2xx: the status and the messages of the API's error body (each names its field). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
  ) {
    super(messages.join('; ') || `HTTP ${status}`);
  }

  /** The messages about one field (`person.name`, `data.needs.id`), by the field path they start with. */
  forField(path: string): string[] {
    return this.messages.filter((m) => about(m, path));
  }

  /**
   * The messages placed at the form's fields (joined per field), and an error of what no field takes, if any: how a
   * 400 goes back to a form with each message where the reader looks.
   */
  placeAt(
    fields: readonly string[],
    say: (message: string) => string = (m) => m,
  ): { placed: Record<string, string>; rest: ApiError | null } {
    const placed: Record<string, string> = {};
    const rest: string[] = [];
    for (const m of this.messages) {
      const field = fields.find((f) => about(m, f));
      if (field) placed[field] = [placed[field], say(m)].filter(Boolean).join(' ');
      else rest.push(m);
    }
    return { placed, rest: rest.length ? new ApiError(this.status, rest) : null };
  }
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = tokenStore.get();
    if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
};

/** The typed client: paths, parameters and bodies come from the OpenAPI document (schema.d.ts, generated). */
export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

/** The data of an answer, or an ApiError carrying the API's messages. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<NonNullable<T>> {
  const { data, error, response } = await call;
  if (response.ok) return data as NonNullable<T>;
  const body = (error ?? {}) as { message?: string | string[] };
  const messages = Array.isArray(body.message) ? body.message : body.message ? [body.message] : [];
  throw new ApiError(response.status, messages);
}
