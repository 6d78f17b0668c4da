import { useEffect, useMemo, useState } from 'react';
import { RESOURCE_MAX_BYTES, resourceFormatOf, resourceNameFor } from '../../../shared/contract/resources';
import { RESOURCE_VERSION_PATTERN } from '../../../shared/model/resource';
import { notify } from '../../app/notifications';
import { useStore } from '../../app/store';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { FormDialog } from '../../ui/FormDialog';
import { client } from '../../platform/services';
import { collectFiles, workspaceStore } from '../workspace';
import { ensureAuthor, refreshScm } from '../scm';
import './resources.css';
import {
  initResources,
  openResource,
  refreshResources,
  resourceDialogStore,
  resourcesStore,
  showResourceDialog,
} from './resources-store';

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const FORMATS = 'sh, jar, sql, hql, xml, zip, tar, tar.gz, py';
const close = () => showResourceDialog(null);
const messageOf = (e: unknown): string =>
  (e instanceof Error ? e.message : String(e)).replace(/^resources\.\w+: /, '');

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function RegisterDialog({ initialSource }: { initialSource?: string }) {
  useEffect(initResources, []);
  const tree = useStore(workspaceStore, (s) => s.tree);
  const resources = useStore(resourcesStore, (s) => s.resources);
  const taken = useMemo(() => new Set(resources.map((r) => r.name)), [resources]);
  const candidates = useMemo(
    () => collectFiles(tree).filter((p) => resourceFormatOf(p) && !p.endsWith('.resource.yaml')),
    [tree],
  );
  const [mode, setMode] = useState<'workspace' | 'upload'>('workspace');
  const [source, setSource] = useState(initialSource ?? '');
  const [upload, setUpload] = useState<File | null>(null);
  const [name, setName] = useState(initialSource ? resourceNameFor(initialSource) : '');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fileName = mode === 'workspace' ? source : (upload?.name ?? '');
  const nameError = !name
    ? 'Enter a name.'
    : !NAME.test(name)
      ? 'Use 1-64 letters, digits, "_" or "-".'
      : taken.has(name)
        ? `A resource named "${name}" already exists.`
        : null;
  const formatError =
    fileName && !resourceFormatOf(fileName) ? `Unsupported format: resources take ${FORMATS}.` : null;
  const sizeError =
    mode === 'upload' && upload && upload.size > RESOURCE_MAX_BYTES
      ? `The file is larger than ${RESOURCE_MAX_BYTES / 1024 / 1024} MB.`
      : null;
  const canSubmit = !busy && !!fileName && !nameError && !formatError && !sizeError;

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (mode === 'workspace')
        await client.resources.create({ name, description: description || undefined, source });
      else
        await client.resources.upload({
          name,
          description: description || undefined,
          fileName: upload!.name,
          base64: toBase64(await upload!.arrayBuffer()),
        });
      await refreshResources();
      close();
      openResource(name);
      notify('info', `Registered resource ${name}. New Version pins it to a commit.`);
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <FormDialog
      title="Register as Resource"
      testId="register-resource-dialog"
      width={520}
      onClose={close}
      onSubmit={() => void submit()}
      canSubmit={canSubmit}
      submitLabel="Register"
      submitTestId="register-resource-submit"
    >
      <div className="form-row" role="radiogroup" aria-label="Source">
        <label>
          <input type="radio" checked={mode === 'workspace'} onChange={() => setMode('workspace')} />{' '}
          Workspace file
        </label>
        <label>
          <input
            type="radio"
            data-testid="register-upload-mode"
            checked={mode === 'upload'}
            onChange={() => setMode('upload')}
          />{' '}
          Upload a file
        </label>
      </div>
      {mode === 'workspace' ? (
        <>
          <label className="form-label" htmlFor="res-source">
            File
          </label>
          <input
            id="res-source"
            className={`input${formatError ? ' invalid' : ''}`}
            data-testid="register-resource-source"
            list="res-source-options"
            value={source}
            placeholder="scripts/clean_orders.py"
            onChange={(e) => {
              setSource(e.target.value);
              if (!name || name === resourceNameFor(source)) setName(resourceNameFor(e.target.value));
            }}
          />
          <datalist id="res-source-options">
            {candidates.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
        </>
      ) : (
        <>
          <label className="form-label" htmlFor="res-upload">
            File (copied into files/, at most {RESOURCE_MAX_BYTES / 1024 / 1024} MB)
          </label>
          <input
            id="res-upload"
            type="file"
            data-testid="register-resource-file"
            accept=".sh,.jar,.sql,.hql,.xml,.zip,.tar,.gz,.py"
            onChange={(e) => {
              const file = e.target.files?.[0] ?? null;
              setUpload(file);
              if (file && (!name || name === resourceNameFor(upload?.name ?? '')))
                setName(resourceNameFor(file.name));
            }}
          />
        </>
      )}
      {(formatError || sizeError) && <div className="form-error">{formatError ?? sizeError}</div>}
      <label className="form-label" htmlFor="res-name">
        Name
      </label>
      <input
        id="res-name"
        className={`input${name && nameError ? ' invalid' : ''}`}
        data-testid="register-resource-name"
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      {name && nameError && <div className="form-error">{nameError}</div>}
      <label className="form-label" htmlFor="res-description">
        Description
      </label>
      <input
        id="res-description"
        className="input"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      {error && (
        <div className="form-error" data-testid="register-resource-error">
          {error}
        </div>
      )}
    </FormDialog>
  );
}

function NewVersionDialog({ name }: { name: string }) {
  const resource = useStore(resourcesStore, (s) => s.resources.find((r) => r.name === name));
  const [version, setVersion] = useState(resource?.suggestedVersion ?? 'V1.0.0');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The server may find the source dirty even when the list said otherwise (it changed since).
  const [mustCommit, setMustCommit] = useState(false);
  const dirty = mustCommit || resource?.sourceState === 'modified' || resource?.sourceState === 'untracked';
  const [commitMessage, setCommitMessage] = useState(
    `Update ${name} for ${resource?.suggestedVersion ?? 'V1.0.0'}`,
  );
  if (!resource) return null;

  const versionError = !RESOURCE_VERSION_PATTERN.test(version)
    ? 'A version looks like V<major>.<minor>.<patch>, e.g. V1.0.1.'
    : resource.versions.some((v) => v.version === version)
      ? `${version} exists already: versions never change.`
      : null;
  const canSubmit = !busy && !versionError && (!dirty || commitMessage.trim() !== '');

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (dirty && !(await ensureAuthor())) {
        setBusy(false);
        return;
      }
      await client.resources.createVersion({
        name,
        version,
        description: description || undefined,
        commitMessage: dirty ? commitMessage : undefined,
      });
      await refreshResources();
      void refreshScm();
      close();
      notify('info', `${name} ${version} created.`);
    } catch (e) {
      if ((e as { code?: string }).code === 'CONFLICT') setMustCommit(true);
      setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <FormDialog
      title={`New Version of ${name}`}
      testId="new-version-dialog"
      width={520}
      onClose={close}
      onSubmit={() => void submit()}
      canSubmit={canSubmit}
      submitLabel={dirty ? 'Commit and Create Version' : 'Create Version'}
      submitTestId="new-version-submit"
    >
      <div className="form-hint">
        Pins <code>{resource.source}</code> as committed at HEAD (commit, path, sha256, size). A version never
        changes afterwards.
      </div>
      <label className="form-label" htmlFor="nv-version">
        Version
      </label>
      <input
        id="nv-version"
        className={`input${versionError ? ' invalid' : ''}`}
        data-testid="new-version-version"
        value={version}
        onChange={(e) => setVersion(e.target.value.trim())}
        data-autofocus
      />
      {versionError && (
        <div className="form-error" data-testid="new-version-version-error">
          {versionError}
        </div>
      )}
      <label className="form-label" htmlFor="nv-description">
        Description
      </label>
      <input
        id="nv-description"
        className="input"
        data-testid="new-version-description"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      {dirty && (
        <>
          <div className="form-warning" data-testid="new-version-dirty">
            <code>{resource.source}</code> has uncommitted changes. It is committed first (with anything
            already staged), then the version is pinned to that commit.
          </div>
          <label className="form-label" htmlFor="nv-commit">
            Commit message
          </label>
          <input
            id="nv-commit"
            className="input"
            data-testid="new-version-commit-message"
            value={commitMessage}
            onChange={(e) => setCommitMessage(e.target.value)}
          />
        </>
      )}
      {error && (
        <div className="form-error" data-testid="new-version-error">
          {error}
        </div>
      )}
    </FormDialog>
  );
}

function ConfirmDelete({
  title,
  body,
  run,
}: {
  title: string;
  body: React.ReactNode;
  run: () => Promise<unknown>;
}) {
  const [error, setError] = useState<string | null>(null);
  const confirm = async (): Promise<boolean> => {
    try {
      await run();
      await refreshResources();
      return true;
    } catch (e) {
      setError(messageOf(e));
      return false;
    }
  };
  return (
    <ConfirmDialog
      title={title}
      confirmLabel="Delete"
      danger
      testId="delete-resource-dialog"
      confirmTestId="delete-resource-confirm"
      onConfirm={confirm}
      onClose={close}
    >
      <p>{body}</p>
      {error && <div className="form-error">{error}</div>}
    </ConfirmDialog>
  );
}

/** Register / New Version / Delete dialogs for resources (mounted once beside the workbench). */
export function ResourceDialogs() {
  const dialog = useStore(resourceDialogStore, (s) => s);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'register':
      return <RegisterDialog initialSource={dialog.source} />;
    case 'new-version':
      return <NewVersionDialog key={dialog.name} name={dialog.name} />;
    case 'delete-version':
      return (
        <ConfirmDelete
          title={`Delete ${dialog.name} ${dialog.version}`}
          body={`Delete version ${dialog.version} of ${dialog.name}? Its entry leaves the resource file; the commit it pointed at stays in git history.`}
          run={() => client.resources.deleteVersion({ name: dialog.name, version: dialog.version })}
        />
      );
    case 'delete-resource':
      return (
        <ConfirmDelete
          title={`Delete resource ${dialog.name}`}
          body={`Delete resources/${dialog.name}.resource.yaml? The source file stays.`}
          run={() => client.resources.delete({ name: dialog.name })}
        />
      );
  }
}
