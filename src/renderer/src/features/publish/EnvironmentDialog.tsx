import { useState } from 'react';
import type { EnvironmentInfo } from '../../../../shared/contract';
import { FormDialog } from '../../components/FormDialog';
import { saveEnvironment } from './publish-store';

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined ? '' : String(v));

/** Add or edit an EnOS environment; the secret is typed once and goes to the secure store. */
export function EnvironmentDialog({ existing, onClose }: { existing?: EnvironmentInfo; onClose(): void }) {
  const [name, setName] = useState(existing?.name ?? '');
  const [url, setUrl] = useState(existing?.url ?? '');
  const [orgId, setOrgId] = useState(str(existing?.options.orgId));
  const [userId, setUserId] = useState(str(existing?.options.userId));
  const [accessKey, setAccessKey] = useState(str(existing?.options.accessKey));
  const [doAs, setDoAs] = useState(str(existing?.options.doAs));
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const keyChanged = existing && accessKey !== str(existing.options.accessKey);
  const secretStored = !!existing?.hasSecret && !keyChanged;
  const urlError = url && !/^https?:\/\/\S+$/.test(url) ? 'Use an http(s) URL, e.g. https://apim-ppe1.envisioniot.com' : null;
  const canSave = !!name.trim() && !!url && !urlError && !!orgId && !!userId && !!accessKey && (secretStored || !!secret) && !busy;

  const save = async () => {
    if (!canSave) return;
    setBusy(true);
    const options: Record<string, string | number | boolean> = { ...(existing?.options ?? {}), orgId, userId, accessKey };
    if (doAs) options.doAs = doAs;
    else delete options.doAs;
    const ok = await saveEnvironment({ name: name.trim(), kind: 'enos', url: url.trim(), options }, secret, existing?.name);
    setBusy(false);
    if (ok) onClose();
  };

  const field = (id: string, label: string, value: string, set: (v: string) => void, placeholder: string, hint?: string) => (
    <>
      <label className="form-label" htmlFor={`env-${id}`}>
        {label}
      </label>
      <input id={`env-${id}`} className="input" data-testid={`env-${id}`} value={value} placeholder={placeholder} spellCheck={false} autoComplete="off" onChange={(e) => set(e.target.value)} />
      {hint && <div className="form-hint">{hint}</div>}
    </>
  );

  return (
    <FormDialog
      title={existing ? `Edit Environment ${existing.name}` : 'Add Environment'}
      testId="environment-dialog"
      width={520}
      onClose={onClose}
      onSubmit={() => void save()}
      canSubmit={canSave}
      submitLabel="Save"
      submitTestId="env-save"
    >
        {field('name', 'Name', name, setName, 'EnOS prod')}
        {field('url', 'API gateway URL', url, setUrl, 'https://apim-ppe1.envisioniot.com')}
        {urlError && <div className="form-error">{urlError}</div>}
        <div className="form-columns">
          <div>{field('org', 'OU id', orgId, setOrgId, 'o15724268424841')}</div>
          <div>{field('user', 'User id', userId, setUserId, 'u15724268424842')}</div>
        </div>
        {field('access-key', 'Access key', accessKey, setAccessKey, 'Service account AccessKey')}
        <label className="form-label" htmlFor="env-secret">
          Secret key
        </label>
        <input
          id="env-secret"
          type="password"
          className="input"
          data-testid="env-secret"
          value={secret}
          autoComplete="new-password"
          placeholder={secretStored ? 'Secret stored — type to replace it' : 'Service account SecretKey'}
          onChange={(e) => setSecret(e.target.value)}
        />
        <div className="form-hint">
          {secretStored ? (
            <span data-testid="env-secret-stored">Secret stored in the OS secure store.</span>
          ) : (
            'Kept in the OS secure store, never in bdp.yaml or git. It cannot be shown again.'
          )}
        </div>
        {field('do-as', 'Run as (doAs, optional)', doAs, setDoAs, 'big-data account')}
        <button type="submit" hidden />
    </FormDialog>
  );
}
