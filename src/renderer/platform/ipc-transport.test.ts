import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/rpc/errors';
import { IpcTransport } from './ipc-transport';

// The bridge is the preload's object; here a plain object answering like main's IPC handlers do.
const bridge = (reply: unknown) => ({
  invoke: async () => reply,
  on: () => () => {},
});

describe('IpcTransport', () => {
  it('returns the result of an ok envelope', async () => {
    await expect(
      new IpcTransport(bridge({ ok: true, result: { root: '/w' } })).invoke('workspace.current', undefined),
    ).resolves.toEqual({ root: '/w' });
  });

  it('rejects with the service error code and message of a failed envelope', async () => {
    const t = new IpcTransport(
      bridge({ ok: false, error: { name: 'AppError', message: 'outside', code: 'OUTSIDE_WORKSPACE' } }),
    );
    const error = await t.invoke('workspace.readFile', { path: '../x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'OUTSIDE_WORKSPACE', message: 'outside' });
  });
});
