import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChartFetcher } from '../../../../src/chart/repository/fetch-chart.js';
import { chartArchive, indexYaml, startChartRepository, type LoopbackServer } from './loopback-servers.js';

// The repository (behind Basic auth) lists one chart on another host and one behind a redirect to it.
let repository: LoopbackServer;
let cdn: { url: string; seen: (string | undefined)[]; close: () => void };
const login = { username: 'team', password: 'pw' };

beforeAll(async () => {
  const archive = await chartArchive('app', '1.0.0');
  const seen: (string | undefined)[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers.authorization);
    res.writeHead(200).end(archive);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  // "localhost" and "127.0.0.1" are different hosts to the client: the credentials rule is by host.
  cdn = { url: `http://localhost:${(server.address() as AddressInfo).port}`, seen, close: () => server.close() };
  const files = new Map<string, Buffer | string>();
  repository = await startChartRepository(files, login);
  files.set('/index.yaml', indexYaml([
    { name: 'app', version: '1.0.0', url: `${cdn.url}/app-1.0.0.tgz` },
    { name: 'moved', version: '1.0.0', url: 'moved-1.0.0.tgz' },
  ]));
});
afterAll(async () => {
  cdn.close();
  await repository.close();
});

describe('where credentials go', () => {
  it('sends the login for chart URLs on another host only with passCredentials', async () => {
    await new ChartFetcher(login).fetch(repository.url, 'app', '1.0.0');
    expect(cdn.seen.at(-1)).toBeUndefined();
    await new ChartFetcher({ ...login, passCredentials: true }).fetch(repository.url, 'app', '1.0.0');
    expect(cdn.seen.at(-1)).toBe(`Basic ${Buffer.from('team:pw').toString('base64')}`);
  });

  it('drops the Authorization header when a redirect leaves the host', async () => {
    const redirecting = createServer((req, res) => {
      if (req.url === '/index.yaml') res.writeHead(200).end(indexYaml([{ name: 'app', version: '1.0.0', url: 'app-1.0.0.tgz' }]));
      else res.writeHead(302, { location: `${cdn.url}/app-1.0.0.tgz` }).end();
    });
    await new Promise<void>((done) => redirecting.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`;
      const fetched = await new ChartFetcher(login).fetch(url, 'app', '^1.0.0');
      expect(fetched.version).toBe('1.0.0');
      expect(cdn.seen.at(-1)).toBeUndefined();
    } finally {
      redirecting.close();
    }
  });
});
