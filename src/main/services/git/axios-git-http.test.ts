import http from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAxiosHttp } from './axios-git-http';

async function* chunks(...parts: string[]): AsyncIterableIterator<Uint8Array> {
  for (const p of parts) yield new TextEncoder().encode(p);
}

async function text(body: AsyncIterableIterator<Uint8Array> | undefined): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const p of body ?? chunks()) parts.push(p);
  return Buffer.concat(parts).toString('utf8');
}

describe('createAxiosHttp', () => {
  let server: http.Server;
  let base: string;
  const seen: Array<{ method?: string; url?: string; contentType?: string; body: string }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (b: Buffer) => parts.push(b));
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          contentType: req.headers['content-type'],
          body: Buffer.concat(parts).toString('utf8'),
        });
        if (req.url === '/missing') {
          res.writeHead(404, 'Not Found', { 'content-type': 'text/plain' }).end('nope');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/x-git-upload-pack-result', 'X-Test': 'yes' });
        res.write('0008NAK\n');
        res.end('PACK');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the streamed body and headers, and streams the response back', async () => {
    const client = createAxiosHttp(axios.create({ timeout: 5000 }));
    const response = await client.request({
      url: `${base}/repo.git/git-upload-pack`,
      method: 'POST',
      headers: { 'content-type': 'application/x-git-upload-pack-request' },
      body: chunks('0032want ', 'abc\n', '0000'),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['x-test']).toBe('yes');
    expect(response.headers?.['content-type']).toBe('application/x-git-upload-pack-result');
    expect(await text(response.body)).toBe('0008NAK\nPACK');
    expect(seen.at(-1)).toEqual({
      method: 'POST',
      url: '/repo.git/git-upload-pack',
      contentType: 'application/x-git-upload-pack-request',
      body: '0032want abc\n0000',
    });
  });

  it('returns error statuses instead of throwing, so isomorphic-git can report them', async () => {
    const client = createAxiosHttp(axios.create());
    const response = await client.request({ url: `${base}/missing` });
    expect(response.statusCode).toBe(404);
    expect(response.statusMessage).toBe('Not Found');
    expect(await text(response.body)).toBe('nope');
  });
});
