import { useEffect, useState } from 'react';
import type { ConnectionPasswordInfo } from '../../../shared/contract/runner';
import { attempt, notify } from '../../app/notifications';
import { FormDialog } from '../../ui/FormDialog';
import { client } from '../../platform/services';
import { closeRunsDialog } from './dialogs-store';

function status(c: ConnectionPasswordInfo): string {
  if (c.fromEnv) return `from ${c.envVar} (overrides the store)`;
  return c.stored ? 'stored in the secure store' : `not set (or set ${c.envVar})`;
}

/**
 * Database passwords for Data Sync: stored in the OS secure store (never in the workspace) and
 * handed to the runner at task start. The password field is write-only: nothing is read back.
 */
export function ConnectionPasswordsDialog() {
  const [items, setItems] = useState<ConnectionPasswordInfo[] | undefined>();
  const [connection, setConnection] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const load = () =>
    void attempt(() => client.runner.listConnectionPasswords(), 'Could not read connections.yaml').then(
      (list) => {
        setItems(list ?? []);
        setConnection((c) => c || list?.[0]?.connection || '');
      },
    );
  useEffect(load, []);
  const chosen = items?.find((i) => i.connection === connection);

  const save = async (value: string) => {
    if (!chosen || busy) return;
    setBusy(true);
    const ok = await attempt(async () => {
      await client.runner.setConnectionPassword({ connection: chosen.connection, password: value });
      return true;
    }, 'Could not store the password');
    setBusy(false);
    if (ok === undefined) return;
    setPassword('');
    notify(
      'info',
      value ? `Password of ${chosen.connection} stored` : `Password of ${chosen.connection} forgotten`,
    );
    load();
  };

  return (
    <FormDialog
      title="Database passwords"
      testId="connection-passwords-dialog"
      width={500}
      onClose={closeRunsDialog}
      onSubmit={() => void save(password)}
      canSubmit={!!chosen && password.length > 0 && !busy}
      submitLabel="Store password"
      submitTestId="connection-password-save"
    >
      {items && items.length === 0 && (
        <div className="form-hint">connections.yaml has no PostgreSQL or MySQL connection.</div>
      )}
      {items && items.length > 0 && (
        <>
          <label className="form-label" htmlFor="cp-connection">
            Connection
          </label>
          <select
            id="cp-connection"
            className="input"
            data-testid="connection-password-connection"
            value={connection}
            onChange={(e) => setConnection(e.target.value)}
          >
            {items.map((i) => (
              <option key={i.connection} value={i.connection}>
                {i.connection} — {i.type === 'MYSQL' ? 'MySQL' : 'PostgreSQL'} {i.target}
              </option>
            ))}
          </select>
          {chosen && (
            <div className="form-hint" data-testid="connection-password-status">
              Password: {status(chosen)}
            </div>
          )}
          <label className="form-label" htmlFor="cp-password">
            New password
          </label>
          <input
            id="cp-password"
            className="input"
            type="password"
            autoComplete="new-password"
            data-testid="connection-password-input"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <div className="form-hint">
            Kept in the secure store, never in the workspace; Data Sync tasks receive it when they start.
          </div>
          {chosen?.stored && (
            <button
              type="button"
              className="button secondary runs-forget"
              data-testid="connection-password-forget"
              disabled={busy}
              onClick={() => void save('')}
            >
              Forget stored password
            </button>
          )}
        </>
      )}
    </FormDialog>
  );
}
