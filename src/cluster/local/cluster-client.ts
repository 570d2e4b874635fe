import { request } from 'node:https';
import { request as httpRequest } from 'node:http';

/** Credentials for the few API calls the provider makes itself (health, nodes, service accounts). */
export interface ClientCredentials {
  server: string;
  ca: string;
  cert: string;
  key: string;
}

export interface HttpResult {
  status: number;
  body: string;
}

/** One HTTPS request with client-certificate auth; never throws for HTTP status, only for transport. */
export function apiRequest(credentials: ClientCredentials, method: string, path: string, body?: unknown, timeoutMs = 5000): Promise<HttpResult> {
  const url = new URL(path, credentials.server);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ca: credentials.ca,
        cert: credentials.cert,
        key: credentials.key,
        timeout: timeoutMs,
        headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {},
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (data += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** GET a health endpoint (etcd over http, components over https with their self-signed certs). */
export function probe(url: string, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const isHttps = url.startsWith('https:');
    const options = { timeout: timeoutMs, ...(isHttps ? { rejectUnauthorized: false } : {}) };
    const req = (isHttps ? request : httpRequest)(url, options, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}
