import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../common/canonical-json';
import { readEnosRemoteState } from './remote-state';
import {
  samplePortableFlow,
  startClientAndEmulator,
  T0,
  type ClientAndEmulator,
} from '../../../../tests/support/enos-fixtures';

let env: ClientAndEmulator | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('readEnosRemoteState', () => {
  it('sorts keys in canonical JSON', () => {
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: 'x', u: undefined })).toBe(
      '{"a":"x","b":[1,{"c":2,"d":1}]}',
    );
  });

  it('lists directory paths and workflows with fingerprints that change with the definition', async () => {
    env = await startClientAndEmulator();
    const c = env;
    const { dirId } = await c.client.createDirectory(c.rootDirId, 'sales');
    const daily = await c.client.createDirectory(dirId, 'daily');
    const { flowId } = await c.client.importFlow({
      flowName: 'orders',
      dirId: daily.dirId,
      flowJson: samplePortableFlow('orders'),
    });
    const before = await readEnosRemoteState(c.client);
    expect(before.readAt).toBe(T0);
    expect(before.items).toEqual([
      { kind: 'directory', name: 'sales', remoteId: dirId },
      { kind: 'directory', name: 'sales/daily', remoteId: daily.dirId },
      expect.objectContaining({
        kind: 'workflow',
        name: 'orders',
        remoteId: String(flowId),
        updatedAt: T0,
        updatedBy: 'demo',
      }),
    ]);
    expect((await readEnosRemoteState(c.client)).items[2].fingerprint).toBe(before.items[2].fingerprint);

    const flow = await c.client.getFlow(flowId);
    await c.client.saveFlow({ ...JSON.parse(flow.graph), id: flowId, active: 0, freq: '0 0 5 * * ? *' });
    const after = await readEnosRemoteState(c.client);
    expect(after.items[2].fingerprint).not.toBe(before.items[2].fingerprint);
  });
});
