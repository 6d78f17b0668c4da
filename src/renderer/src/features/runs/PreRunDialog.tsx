import { useState } from 'react';
import { FormDialog } from '../../components/FormDialog';
import { WorkflowSelect } from './WorkflowSelect';
import { triggerTimeOfBusinessDate, yesterday } from '../../../../shared/run-dates';
import { closeRunsDialog } from './dialogs-store';
import { openInstance, startRun } from './runs-store';
import { nodeNames, useParsedWorkflow, useWorkflowFiles } from './use-workflow-files';

type Scope = 'workflow' | 'node' | 'downstream';

/** Pre-run: workflow, business date (default yesterday), scope and node. */
export function PreRunDialog({ initial }: { initial: { workflow?: string; node?: string; scope?: Scope } }) {
  const workflows = useWorkflowFiles();
  const [path, setPath] = useState(() => workflows.find((w) => w.name === initial.workflow || w.path === initial.workflow)?.path ?? workflows[0]?.path ?? '');
  const [date, setDate] = useState(yesterday());
  const [scope, setScope] = useState<Scope>(initial.scope ?? 'workflow');
  const [node, setNode] = useState(initial.node ?? '');
  const [busy, setBusy] = useState(false);
  const nodes = nodeNames(useParsedWorkflow(path || undefined));
  const needsNode = scope !== 'workflow';
  const chosenNode = needsNode ? node || nodes[0] || '' : '';
  const valid = !!path && /^\d{4}-\d{2}-\d{2}$/.test(date) && (!needsNode || !!chosenNode);

  const run = async () => {
    if (!valid || busy) return;
    setBusy(true);
    const inst = await startRun({ workflow: path, businessDate: date, scope, ...(needsNode ? { node: chosenNode } : {}) });
    setBusy(false);
    if (inst) {
      closeRunsDialog();
      openInstance(inst.instanceId);
    }
  };

  return (
    <FormDialog
      title="Pre-run"
      testId="prerun-dialog"
      width={480}
      onClose={closeRunsDialog}
      onSubmit={() => void run()}
      canSubmit={valid && !busy}
      submitLabel="Pre-run"
      submitTestId="prerun-start"
    >
        <WorkflowSelect id="pr-workflow" testId="prerun-workflow" value={path} onChange={setPath} />
        <label className="form-label" htmlFor="pr-date">
          Business date
        </label>
        <input id="pr-date" className="input" type="date" data-testid="prerun-date" value={date} onChange={(e) => setDate(e.target.value)} />
        {valid && <div className="form-hint">Trigger time {triggerTimeOfBusinessDate(date)} (workspace time zone): the business date is the trigger date − 1 day.</div>}
        <label className="form-label">Scope</label>
        <div className="runs-radio-group" role="radiogroup" aria-label="Scope">
          {(['workflow', 'node', 'downstream'] as const).map((s) => (
            <label key={s} className="runs-radio">
              <input type="radio" name="pr-scope" value={s} data-testid={`prerun-scope-${s}`} checked={scope === s} onChange={() => setScope(s)} />
              {s === 'workflow' ? 'Whole workflow' : s === 'node' ? 'Node only' : 'Node and downstream'}
            </label>
          ))}
        </div>
        {needsNode && (
          <>
            <label className="form-label" htmlFor="pr-node">
              Node
            </label>
            <select id="pr-node" className="input" data-testid="prerun-node" value={chosenNode} onChange={(e) => setNode(e.target.value)}>
              {nodes.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </>
        )}
        <div className="form-hint">Flow and Task References count as satisfied in a local pre-run.</div>
    </FormDialog>
  );
}
