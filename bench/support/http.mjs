// Calls on the API over real HTTP (node:http with keep-alive, lighter on the benchmark's own CPU than fetch).
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** A failed call, with the status and what the API said. */
export class HttpError extends Error {
  constructor(method, url, status, body) {
    super(
      `${method} ${url}: HTTP ${status} ${typeof body === 'string' ? body.slice(0, 300) : JSON.stringify(body)?.slice(0, 300)}`,
    );
    this.status = status;
  }
}

/**
 * `method` on `apiUrl + path` with a bearer token and a JSON body; resolves the parsed answer of a 2xx. Gives up
 * after `timeoutMs` without an answer; `onSize` hears the size of the answer in bytes.
 */
export function call(apiUrl, method, path, { token, body, headers = {}, timeoutMs = 120_000, onSize } = {}) {
  const url = new URL(path, apiUrl);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          ...(token ? { authorization: token } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          onSize?.(raw.length);
          const text = raw.toString('utf8');
          let parsed = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // not JSON: kept as text for the error
          }
          if (res.statusCode >= 200 && res.statusCode < 300) resolve(parsed);
          else reject(new HttpError(method, url.pathname, res.statusCode, parsed));
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () =>
      req.destroy(new Error(`${method} ${url.pathname}: no answer within ${timeoutMs / 1000} s`)),
    );
    req.on('error', reject);
    req.end(payload);
  });
}
