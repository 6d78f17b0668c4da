import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

test.describe('web shell security', () => {
  test('a request without the token gets 401, and the tokened URL opens the app', async ({
    server,
    browser,
  }) => {
    const page = await browser.newPage();
    const denied = await page.goto(server.origin + '/');
    expect(denied?.status()).toBe(401);
    await expect(page.locator('body')).toContainText('Unauthorized');
    await page.goto(server.url);
    await expect(page.getByTestId('welcome')).toBeVisible();
    expect(page.url()).not.toContain('token='); // the token left the address bar
    await page.close();
  });

  test('a page from a foreign origin cannot reach the services, even on the same host', async ({
    server,
    browser,
  }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url); // the browser now holds the auth cookie
    await expect(page.getByTestId('welcome')).toBeVisible();

    const foreign: Server = createServer((_req, res) => res.end('<!doctype html><title>foreign</title>'));
    await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', r));
    const foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`;
    const evil = await context.newPage();
    await evil.goto(foreignUrl);
    const result = await evil.evaluate(async (target) => {
      const ws = await new Promise<string>((resolve) => {
        const socket = new WebSocket(target.replace('http', 'ws') + 'rpc');
        socket.onopen = () => resolve('open');
        socket.onerror = () => resolve('refused');
      });
      return { ws };
    }, server.origin + '/');
    expect(result.ws).toBe('refused');
    await context.close();
    foreign.close();
  });
});
