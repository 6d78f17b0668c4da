import { useMemo, useState } from 'react';
import { FormDialog } from '../../ui/FormDialog';
import {
  importPortableFlow,
  localDate,
  newWorkflow,
  workflowDirError,
  workflowDirs,
  workflowNameError,
  workflowNameOf,
  workflowPath,
  type ScheduleKind,
} from '../../../shared/workflow-files';
import { closeWorkflowDialog, workflowPaths, writeWorkflowAndOpen } from './workflow-actions';

type Mode = 'scratch' | 'import';

/** New Workflow…: from scratch (name, directory, scheduling type) or from a pasted / chosen EnOS export. */
export function NewWorkflowDialog() {
  const paths = useMemo(() => workflowPaths(), []);
  const existing = useMemo(() => paths.map(workflowNameOf), [paths]);
  const dirs = useMemo(() => workflowDirs(paths), [paths]);
  const [name, setName] = useState('');
  const [dir, setDir] = useState(() => (dirs.includes('retail') ? 'retail' : (dirs[0] ?? 'retail')));
  const [schedule, setSchedule] = useState<ScheduleKind>('manual');
  const [mode, setMode] = useState<Mode>('scratch');
  const [json, setJson] = useState('');
  const [busy, setBusy] = useState(false);

  const nameError = workflowNameError(name, existing);
  const dirError = workflowDirError(dir);
  const imported = mode === 'import' && json.trim() ? importPortableFlow(json, name || undefined) : null;
  const importError =
    mode === 'import'
      ? imported
        ? imported.ok
          ? null
          : imported.error
        : 'Paste the exported JSON or choose a file.'
      : null;
  const canSubmit = !busy && !nameError && !dirError && !importError;

  const submit = async () => {
    if (!canSubmit) return;
    const wf = imported?.ok ? imported.value : newWorkflow(name, schedule, localDate(new Date()));
    setBusy(true);
    if (await writeWorkflowAndOpen(workflowPath(dir, name), wf)) closeWorkflowDialog();
    else setBusy(false);
  };

  const readChosenFile = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    setJson(text);
    if (!name) {
      const r = importPortableFlow(text);
      if (r.ok && !workflowNameError(r.value.name, existing)) setName(r.value.name);
    }
  };

  return (
    <FormDialog
      title="New Workflow"
      testId="new-workflow-dialog"
      width={560}
      onClose={closeWorkflowDialog}
      onSubmit={() => void submit()}
      canSubmit={canSubmit}
      submitLabel={mode === 'import' ? 'Import' : 'Create'}
      submitTestId="new-workflow-create"
    >
      <label className="form-label" htmlFor="nw-name">
        Name
      </label>
      <input
        id="nw-name"
        data-autofocus
        className="input"
        data-testid="new-workflow-name"
        value={name}
        spellCheck={false}
        onChange={(e) => setName(e.target.value)}
      />
      {name && nameError && (
        <div className="form-error" data-testid="new-workflow-name-error">
          {nameError}
        </div>
      )}

      <label className="form-label" htmlFor="nw-dir">
        Directory (under workflows/)
      </label>
      <input
        id="nw-dir"
        className="input"
        list="nw-dirs"
        data-testid="new-workflow-dir"
        value={dir}
        spellCheck={false}
        onChange={(e) => setDir(e.target.value)}
      />
      <datalist id="nw-dirs">
        {dirs.map((d) => (
          <option key={d} value={d} />
        ))}
      </datalist>
      {dirError && <div className="form-error">{dirError}</div>}

      <div className="form-label">Source</div>
      <div className="form-row" role="radiogroup" aria-label="Source">
        <label>
          <input
            type="radio"
            name="nw-mode"
            data-testid="new-workflow-mode-scratch"
            checked={mode === 'scratch'}
            onChange={() => setMode('scratch')}
          />{' '}
          From scratch
        </label>
        <label>
          <input
            type="radio"
            name="nw-mode"
            data-testid="new-workflow-mode-import"
            checked={mode === 'import'}
            onChange={() => setMode('import')}
          />{' '}
          Import EnOS export
        </label>
      </div>

      {mode === 'scratch' ? (
        <>
          <label className="form-label" htmlFor="nw-schedule">
            Scheduling type
          </label>
          <select
            id="nw-schedule"
            className="input"
            data-testid="new-workflow-schedule"
            value={schedule}
            onChange={(e) => setSchedule(e.target.value as ScheduleKind)}
          >
            <option value="manual">Manual</option>
            <option value="periodic">Periodic (daily, 0 0 1 * * ? *, from today)</option>
          </select>
          <div className="form-hint">The scheduling type cannot be switched after creation.</div>
        </>
      ) : (
        <>
          <label className="form-label" htmlFor="nw-json">
            Exported .workflow JSON (EnOS Export Flow)
          </label>
          <textarea
            id="nw-json"
            className="input"
            rows={8}
            spellCheck={false}
            data-testid="new-workflow-json"
            value={json}
            onChange={(e) => setJson(e.target.value)}
          />
          <input
            type="file"
            accept=".workflow,.json,application/json"
            aria-label="Choose an exported file"
            data-testid="new-workflow-file"
            onChange={(e) => void readChosenFile(e.target.files?.[0])}
          />
          {json.trim() && importError && (
            <div className="form-error" data-testid="new-workflow-import-error">
              {importError}
            </div>
          )}
          {imported?.ok && (
            <div className="form-hint" data-testid="new-workflow-import-summary">
              {imported.value.tasks.length} task(s), {imported.value.references.length} reference(s),{' '}
              {imported.value.relations.length} relation(s); schedule {imported.value.schedule.type}.
            </div>
          )}
        </>
      )}
      <button type="submit" hidden />
    </FormDialog>
  );
}
