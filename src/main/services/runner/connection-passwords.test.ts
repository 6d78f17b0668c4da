import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../secrets/secret-store';
import { listConnectionPasswords, setConnectionPassword, storedPasswordLookup } from './connection-passwords';
import { workspaceWith } from '../../../../tests/support/runner-process-fixtures';

const CONNECTIONS = `connections:
  - { name: crm, type: POSTGRESQL, host: db.local, port: 5433, database: crm, user: etl }
  - { name: shop, type: MYSQL, host: 127.0.0.1, database: shop, user: app }
  - { name: files, type: FILE, path: data }
`;

describe('connection passwords', () => {
  it('stores, reports and forgets passwords in the secure store; the env var wins; values are never listed', async () => {
    const ws = workspaceWith({ 'connections.yaml': CONNECTIONS });
    try {
      const secrets = new MemorySecretStore();
      const env = { BDP_CONN_SHOP_PASSWORD: 'from-env' };
      expect(await listConnectionPasswords(ws.root, secrets, env)).toEqual([
        {
          connection: 'crm',
          type: 'POSTGRESQL',
          target: 'etl@db.local:5433/crm',
          stored: false,
          envVar: 'BDP_CONN_CRM_PASSWORD',
          fromEnv: false,
        },
        {
          connection: 'shop',
          type: 'MYSQL',
          target: 'app@127.0.0.1:3306/shop',
          stored: false,
          envVar: 'BDP_CONN_SHOP_PASSWORD',
          fromEnv: true,
        },
      ]);
      await setConnectionPassword(ws.root, secrets, 'crm', 'pg-secret');
      const listed = await listConnectionPasswords(ws.root, secrets, env);
      expect(listed[0].stored).toBe(true);
      expect(JSON.stringify(listed)).not.toContain('pg-secret');
      const crm = {
        name: 'crm',
        type: 'POSTGRESQL',
        host: 'db.local',
        port: 5433,
        database: 'crm',
        user: 'etl',
      } as const;
      expect(await storedPasswordLookup(secrets)!(crm)).toBe('pg-secret');
      await setConnectionPassword(ws.root, secrets, 'crm', '');
      expect((await listConnectionPasswords(ws.root, secrets, env))[0].stored).toBe(false);
      await expect(setConnectionPassword(ws.root, secrets, 'files', 'x')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(setConnectionPassword(ws.root, secrets, 'nope', 'x')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    } finally {
      ws.dispose();
    }
  });
});
