import { Fragment, useState, type JSX } from 'react';
import type { EnvironmentInfo, EnvironmentInput } from '../../../shared/contract';
import { FormDialog } from '../../ui/FormDialog';
import { saveEnvironment } from './publish-store';

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined ? '' : String(v));

type Kind = EnvironmentInput['kind'];

interface FieldSpec {
  /** bdp.yaml option key, and the test id suffix `env-<id>`. */
  key: string;
  id: string;
  label: string;
  placeholder: string;
  required: boolean;
  hint?: string;
  /** Half-width, side by side with the next half field. */
  half?: boolean;
  /** Shown only for this DolphinScheduler sign-in mode. */
  auth?: 'password';
  /** A drop-down instead of a text box; the empty value stores nothing (the default). */
  choices?: { value: string; label: string }[];
}

/** What each target kind asks for; the dialog is built from this table. */
const KINDS: Record<Kind, { label: string; urlLabel: string; urlPlaceholder: string; fields: FieldSpec[] }> =
  {
    enos: {
      label: 'EnOS Batch Processing',
      urlLabel: 'API gateway URL',
      urlPlaceholder: 'https://apim-ppe1.envisioniot.com',
      fields: [
        {
          key: 'orgId',
          id: 'org',
          label: 'OU id',
          placeholder: 'o15724268424841',
          required: true,
          half: true,
        },
        {
          key: 'userId',
          id: 'user',
          label: 'User id',
          placeholder: 'u15724268424842',
          required: true,
          half: true,
        },
        {
          key: 'accessKey',
          id: 'access-key',
          label: 'Access key',
          placeholder: 'Service account AccessKey',
          required: true,
        },
      ],
    },
    dolphinscheduler: {
      label: 'Apache DolphinScheduler',
      urlLabel: 'API base URL',
      urlPlaceholder: 'http://ds-api:12345/dolphinscheduler',
      fields: [
        {
          key: 'project',
          id: 'project',
          label: 'Project',
          placeholder: 'retail_analytics',
          required: true,
          hint: 'Created on the first publish when it does not exist.',
        },
        {
          key: 'userName',
          id: 'username',
          label: 'User name',
          placeholder: 'admin',
          required: true,
          auth: 'password',
        },
      ],
    },
  };

/** Optional settings per kind, below the secret. */
const OPTIONAL: Record<Kind, FieldSpec[]> = {
  enos: [
    {
      key: 'doAs',
      id: 'do-as',
      label: 'Run as (doAs, optional)',
      placeholder: 'big-data account',
      required: false,
    },
  ],
  dolphinscheduler: [
    {
      key: 'resourceFolder',
      id: 'resource-folder',
      label: 'Resource folder (optional)',
      placeholder: 'bdp/<workspace name>',
      required: false,
      hint: 'Below the tenant root of the Resource Center.',
    },
    {
      key: 'workerWorkspace',
      id: 'worker-workspace',
      label: 'Workspace on the workers (optional)',
      placeholder: '/opt/bdp/<workflow>',
      required: false,
      hint: 'Where DATA_SYNC tasks find a checkout of this workspace.',
    },
    {
      key: 'apiVersion',
      id: 'api-version',
      label: 'API version',
      placeholder: '',
      required: false,
      hint: '3.3 renamed process-* to workflow-* endpoints; auto-detect asks the server once.',
      choices: [
        { value: '', label: 'Auto-detect' },
        { value: '3.2', label: '3.2.x' },
        { value: '3.3', label: '3.3' },
      ],
    },
    {
      key: 'serverTimeZone',
      id: 'server-time-zone',
      label: 'Server time zone (optional)',
      placeholder: 'UTC',
      required: false,
      half: true,
    },
    {
      key: 'timezoneId',
      id: 'schedule-time-zone',
      label: 'Schedule time zone (optional)',
      placeholder: 'workspace zone',
      required: false,
      half: true,
    },
  ],
};

function secretText(kind: Kind, auth: 'token' | 'password'): { label: string; placeholder: string } {
  if (kind === 'enos') return { label: 'Secret key', placeholder: 'Service account SecretKey' };
  return auth === 'password'
    ? { label: 'Password', placeholder: 'Password of the user' }
    : { label: 'Access token', placeholder: 'Token from Security → Token Manage' };
}

/** Add or edit a publish environment; the secret is typed once and goes to the secure store. */
export function EnvironmentDialog({ existing, onClose }: { existing?: EnvironmentInfo; onClose(): void }) {
  const [kind, setKind] = useState<Kind>(existing?.kind ?? 'enos');
  const [name, setName] = useState(existing?.name ?? '');
  const [url, setUrl] = useState(existing?.url ?? '');
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(existing?.options ?? {}).map(([k, v]) => [k, str(v)])),
  );
  const [auth, setAuth] = useState<'token' | 'password'>(existing?.options.userName ? 'password' : 'token');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const spec = KINDS[kind];
  const fields = [...spec.fields, ...OPTIONAL[kind]].filter((f) => !f.auth || f.auth === auth);
  // The secure-store key follows the credential: a new key / user / mode asks for the secret again.
  const credential = (o: Record<string, unknown>): string => `${str(o.accessKey)}|${str(o.userName)}`;
  const credentialChanged =
    !!existing &&
    (existing.kind !== kind ||
      credential(existing.options) !==
        credential(kind === 'dolphinscheduler' && auth === 'token' ? { ...values, userName: '' } : values));
  const secretStored = !!existing?.hasSecret && !credentialChanged;
  const urlError =
    url && !/^https?:\/\/\S+$/.test(url) ? `Use an http(s) URL, e.g. ${spec.urlPlaceholder}` : null;
  const missing = fields.some((f) => f.required && !values[f.key]?.trim());
  const canSave = !!name.trim() && !!url && !urlError && !missing && (secretStored || !!secret) && !busy;
  const secretLabel = secretText(kind, auth);

  const save = async () => {
    if (!canSave) return;
    setBusy(true);
    const options: Record<string, string | number | boolean> =
      kind === existing?.kind ? { ...existing.options } : {};
    for (const f of [...spec.fields, ...OPTIONAL[kind]]) {
      const v = values[f.key]?.trim();
      if (v && (!f.auth || f.auth === auth)) options[f.key] = v;
      else delete options[f.key];
    }
    const ok = await saveEnvironment(
      { name: name.trim(), kind, url: url.trim(), options },
      secret,
      existing?.name,
    );
    setBusy(false);
    if (ok) onClose();
  };

  const input = (
    id: string,
    label: string,
    value: string,
    set: (v: string) => void,
    placeholder: string,
    hint?: string,
  ) => (
    <>
      <label className="form-label" htmlFor={`env-${id}`}>
        {label}
      </label>
      <input
        id={`env-${id}`}
        className="input"
        data-testid={`env-${id}`}
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => set(e.target.value)}
      />
      {hint && <div className="form-hint">{hint}</div>}
    </>
  );
  const setValue = (f: FieldSpec) => (v: string) => setValues((o) => ({ ...o, [f.key]: v }));
  const choice = (f: FieldSpec) => (
    <>
      <label className="form-label" htmlFor={`env-${f.id}`}>
        {f.label}
      </label>
      <select
        id={`env-${f.id}`}
        className="input select"
        data-testid={`env-${f.id}`}
        value={values[f.key] ?? ''}
        onChange={(e) => setValue(f)(e.target.value)}
      >
        {f.choices!.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      {f.hint && <div className="form-hint">{f.hint}</div>}
    </>
  );
  const field = (f: FieldSpec) =>
    f.choices ? choice(f) : input(f.id, f.label, values[f.key] ?? '', setValue(f), f.placeholder, f.hint);
  const rows: JSX.Element[] = [];
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    if (f.half && fields[i + 1]?.half) {
      rows.push(
        <div key={f.key} className="form-columns">
          <div>{field(f)}</div>
          <div>{field(fields[i + 1])}</div>
        </div>,
      );
      i++;
    } else rows.push(<Fragment key={f.key}>{field(f)}</Fragment>);
  }
  const required = rows.slice(0, fields.filter((f) => f.required).length);
  const optional = rows.slice(required.length);

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
      <label className="form-label" htmlFor="env-kind">
        Target
      </label>
      <select
        id="env-kind"
        className="input select"
        data-testid="env-kind"
        value={kind}
        onChange={(e) => setKind(e.target.value as Kind)}
      >
        {(Object.keys(KINDS) as Kind[]).map((k) => (
          <option key={k} value={k}>
            {KINDS[k].label}
          </option>
        ))}
      </select>
      {input('name', 'Name', name, setName, kind === 'enos' ? 'EnOS prod' : 'DolphinScheduler prod')}
      {input('url', spec.urlLabel, url, setUrl, spec.urlPlaceholder)}
      {urlError && <div className="form-error">{urlError}</div>}
      {kind === 'dolphinscheduler' && (
        <div className="form-radio-row" role="radiogroup" aria-label="Sign in with">
          <span className="form-label">Sign in with</span>
          {(['token', 'password'] as const).map((m) => (
            <label key={m} className="form-radio">
              <input
                type="radio"
                name="env-auth"
                data-testid={`env-auth-${m}`}
                checked={auth === m}
                onChange={() => setAuth(m)}
              />
              {m === 'token' ? 'Access token' : 'User name and password'}
            </label>
          ))}
        </div>
      )}
      {required}
      <label className="form-label" htmlFor="env-secret">
        {secretLabel.label}
      </label>
      <input
        id="env-secret"
        type="password"
        className="input"
        data-testid="env-secret"
        value={secret}
        autoComplete="new-password"
        placeholder={
          secretStored ? `${secretLabel.label} stored — type to replace it` : secretLabel.placeholder
        }
        onChange={(e) => setSecret(e.target.value)}
      />
      <div className="form-hint">
        {secretStored ? (
          <span data-testid="env-secret-stored">{secretLabel.label} stored in the OS secure store.</span>
        ) : (
          'Kept in the OS secure store, never in bdp.yaml or git. It cannot be shown again.'
        )}
      </div>
      {optional}
      <button type="submit" hidden />
    </FormDialog>
  );
}
