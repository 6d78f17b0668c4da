import { useMemo, useState } from 'react';
import { FormDialog } from '../../ui/FormDialog';
import {
  cloneWorkflow,
  workflowNameError,
  workflowNameOf,
  WORKFLOW_SUFFIX,
} from '../../../shared/workflow-files';
import { closeWorkflowDialog, readWorkflow, workflowPaths, writeWorkflowAndOpen } from './workflow-actions';
import { notifyError } from '../../app/notifications';

/** Clone: a copy of the workflow (tasks, relations, upstream references) in the same folder. */
export function CloneWorkflowDialog({ path }: { path: string }) {
  const existing = useMemo(() => workflowPaths().map(workflowNameOf), []);
  const source = workflowNameOf(path);
  const [name, setName] = useState(() => {
    let n = `${source}_copy`;
    for (let i = 2; existing.includes(n); i++) n = `${source}_copy${i}`;
    return n.slice(0, 64);
  });
  const [busy, setBusy] = useState(false);
  const error = workflowNameError(name, existing);
  const dir = path.slice(0, path.lastIndexOf('/') + 1);

  const submit = async () => {
    if (error || busy) return;
    setBusy(true);
    try {
      const wf = await readWorkflow(path);
      if (await writeWorkflowAndOpen(`${dir}${name}${WORKFLOW_SUFFIX}`, cloneWorkflow(wf, name)))
        return closeWorkflowDialog();
    } catch (e) {
      notifyError(e, `Could not clone ${source}`);
    }
    setBusy(false);
  };

  return (
    <FormDialog
      title={`Clone ${source}`}
      testId="clone-workflow-dialog"
      onClose={closeWorkflowDialog}
      onSubmit={() => void submit()}
      canSubmit={!error && !busy}
      submitLabel="Clone"
      submitTestId="clone-workflow-confirm"
    >
      <div className="form-hint">
        Copies tasks, relations and upstream references. Workflows that reference {source} keep referencing
        the original.
      </div>
      <label className="form-label" htmlFor="cw-name">
        New name
      </label>
      <input
        id="cw-name"
        data-autofocus
        className="input"
        data-testid="clone-workflow-name"
        value={name}
        spellCheck={false}
        onChange={(e) => setName(e.target.value)}
      />
      {error && <div className="form-error">{error}</div>}
      <div className="form-hint">
        Writes {dir}
        {name || '…'}
        {WORKFLOW_SUFFIX}
      </div>
      <button type="submit" hidden />
    </FormDialog>
  );
}
