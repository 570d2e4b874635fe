import type http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

/** Longest CONNECT answer header kcc reads before deciding the proxy is not speaking HTTP. */
const MAX_PROXY_HEADER_BYTES = 16 * 1024;

/**
 * An https.Agent that reaches the API server through an HTTP proxy's CONNECT tunnel (a cluster's
 * `proxy-url`), as kubectl does for https servers: one CONNECT per pooled socket, then TLS to the
 * API server inside the tunnel, so the proxy sees only the host and port. Keep-alive and the
 * socket limit work as for a direct agent, because the tunnelled socket is what the pool keeps.
 */
export class ConnectProxyAgent extends https.Agent {
  readonly proxy: URL;
  /**
   * How long the proxy may take to open the tunnel. The request's own timeout starts only once a
   * socket exists, so without this a proxy that accepts and never answers would hang kcc.
   * @default 60_000
   */
  readonly tunnelTimeoutMs: number;

  constructor(proxy: URL, options: https.AgentOptions & { tunnelTimeoutMs?: number }) {
    const { tunnelTimeoutMs, ...agentOptions } = options;
    super(agentOptions);
    this.proxy = proxy;
    this.tunnelTimeoutMs = tunnelTimeoutMs ?? 60_000;
  }

  /**
   * Node's Agent accepts a socket through the callback when createConnection returns nothing,
   * which is what lets the CONNECT exchange finish before TLS starts.
   */
  override createConnection(requestOptions: http.ClientRequestArgs, callback?: (error: Error | null, socket: Duplex) => void): undefined {
    // The agent passes the request's TLS options (ca, cert, key, servername...) along with host and port.
    const options = requestOptions as tls.ConnectionOptions & { host?: string; port?: number };
    const done = (error: Error | null, socket?: Duplex) => callback?.(error, socket as Duplex);
    const host = options.host ?? 'localhost';
    const target = `${net.isIPv6(host) ? `[${host}]` : host}:${options.port ?? 443}`;
    const proxyPort = Number(this.proxy.port) || (this.proxy.protocol === 'https:' ? 443 : 80);
    const proxySocket =
      this.proxy.protocol === 'https:'
        ? tls.connect({ host: this.proxy.hostname, port: proxyPort, servername: net.isIP(this.proxy.hostname) ? undefined : this.proxy.hostname })
        : net.connect({ host: this.proxy.hostname, port: proxyPort });
    const headers = [`CONNECT ${target} HTTP/1.1`, `Host: ${target}`];
    if (this.proxy.username) {
      const login = `${decodeURIComponent(this.proxy.username)}:${decodeURIComponent(this.proxy.password)}`;
      headers.push(`Proxy-Authorization: Basic ${Buffer.from(login).toString('base64')}`);
    }
    let received = Buffer.alloc(0);
    const fail = (error: Error) => {
      proxySocket.destroy();
      done(error);
    };
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) {
        if (received.length > MAX_PROXY_HEADER_BYTES) fail(new Error(`proxy ${this.proxy.host} sent no HTTP answer to CONNECT`));
        return;
      }
      proxySocket.off('data', onData);
      proxySocket.off('error', fail);
      proxySocket.setTimeout(0);
      const statusLine = received.subarray(0, received.indexOf('\r\n')).toString('latin1');
      if (!/^HTTP\/1\.[01] 2\d\d/.test(statusLine)) {
        fail(new Error(`proxy ${this.proxy.host} refused CONNECT ${target}: ${statusLine}`));
        return;
      }
      const servername = options.servername ?? (net.isIP(host) ? undefined : host);
      done(null, tls.connect({ ...options, socket: proxySocket, servername }));
    };
    proxySocket.on('data', onData);
    proxySocket.on('error', fail);
    // ETIMEDOUT, like a server that does not answer, so the client's retry rules apply to it.
    proxySocket.setTimeout(this.tunnelTimeoutMs, () => {
      const message = `proxy ${this.proxy.host} did not open a tunnel to ${target} within ${this.tunnelTimeoutMs / 1000} s`;
      fail(Object.assign(new Error(message), { code: 'ETIMEDOUT' }));
    });
    proxySocket.once(this.proxy.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
      proxySocket.write(`${headers.join('\r\n')}\r\n\r\n`);
    });
    return undefined;
  }
}
