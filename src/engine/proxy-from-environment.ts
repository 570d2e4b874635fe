import { BlockList, isIP } from 'node:net';

/**
 * The proxy kubectl would use for `server` when the kubeconfig sets no `proxy-url`: Go's
 * ProxyFromEnvironment rules, which client-go's default transport applies.
 *
 * - `HTTPS_PROXY` (or `https_proxy`) for https servers, `HTTP_PROXY` (or `http_proxy`) for http.
 * - Never for `localhost` or a loopback address (the bundled cluster listens on 127.0.0.1).
 * - Not for hosts in `NO_PROXY` (or `no_proxy`), a comma-separated list of: `*` (nothing is
 *   proxied); an IP address or CIDR range; a domain, which matches itself and its subdomains;
 *   `.domain`, which matches subdomains only. Any entry may end in `:port` to match that port only.
 *
 * Returns undefined for a direct connection.
 */
export function proxyFromEnvironment(server: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = new URL(server);
  const secure = url.protocol === 'https:';
  const proxy = secure ? env.HTTPS_PROXY || env.https_proxy : env.HTTP_PROXY || env.http_proxy;
  if (!proxy) return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (secure ? '443' : '80');
  if (host === 'localhost' || isLoopback(host)) return undefined;
  const noProxy = (env.NO_PROXY || env.no_proxy || '').split(',').map((entry) => entry.trim().toLowerCase()).filter(Boolean);
  if (noProxy.some((entry) => matchesNoProxy(entry, host, port))) return undefined;
  // Go accepts a bare host:port for the proxy and means http://.
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}

function isLoopback(host: string): boolean {
  const version = isIP(host);
  if (version === 4) return host.startsWith('127.');
  if (version === 6) return host === '::1';
  return false;
}

function matchesNoProxy(entry: string, host: string, port: string): boolean {
  if (entry === '*') return true;
  let pattern = entry;
  let entryPort: string | undefined;
  // "host:port", "1.2.3.4:80", "[::1]:80"; a bare IPv6 address has colons but no port.
  const withPort = /^(.*?):(\d+)$/.exec(entry);
  if (withPort && isIP(entry) !== 6) {
    pattern = withPort[1]!.replace(/^\[|\]$/g, '');
    entryPort = withPort[2];
  }
  if (entryPort && entryPort !== port) return false;
  if (pattern.includes('/')) return inCidr(pattern, host);
  if (isIP(pattern)) return pattern === host;
  if (pattern.startsWith('*.')) pattern = pattern.slice(1);
  if (pattern.startsWith('.')) return host.endsWith(pattern);
  return host === pattern || host.endsWith(`.${pattern}`);
}

function inCidr(cidr: string, host: string): boolean {
  const [network, bits] = cidr.split('/');
  const hostVersion = isIP(host);
  const networkVersion = isIP(network ?? '');
  if (!hostVersion || hostVersion !== networkVersion || !bits) return false;
  const family = hostVersion === 4 ? 'ipv4' : 'ipv6';
  const list = new BlockList();
  list.addSubnet(network!, Number(bits), family);
  return list.check(host, family);
}
