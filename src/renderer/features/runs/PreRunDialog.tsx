import { useEffect, useState } from 'react';
import { parse as parseYaml } from 'yaml';
import type { ExternalAppMode, ReferenceMode } from '../../../shared/contract/runner';
import { prerunConfigSchema } from '../../../shared/model/workspace';
import { client } from '../../platform/services';
import { FormDialog } from '../../ui/FormDialog';
import { WorkflowSelect } from './WorkflowSelect';
import { triggerTimeOfBusinessDate } from '../../../shared/run-dates';
import { businessDateStore } from '../editor';
import { preselectedWorkflow } from './use-workflow-files';
import { closeRunsDialog } from './dialogs-store';
import { openInstance, startRun } from './runs-store';
import { nodeNames, useParsedWorkflow, useWorkflowFiles } from './use-workflow-files';

type Scope = 'workflow' | 'node' | 'downstream';

const REFERENCE_CHOICES: { mode: ReferenceMode; label: string; hint: string }[] = [
  { mode: 'satisfied', label: 'Treat as satisfied', hint: 'Reference nodes succeed at once.' },
  {
    mode: 'wait',
    label: 'Wait for them',
    hint: 'Reference nodes WAIT until a successful local instance of the referenced workflow (or task) exists for the same business date.',
  },
  {
    mode: 'run-first',
    label: 'Run referenced workflows first',
    hint: 'Pre-runs each referenced workflow for the same business date (unless one already succeeded), then waits for it.',
  },
];

/** bdp.yaml `prerun.externalApp`, read when the dialog opens (`call` when unset or unreadable). */
function useExternalAppDefault(): ExternalAppMode | undefined {
  const [mode, setMode] = useState<ExternalAppMode>();
  useEffect(() => {
    let live = true;
    const fallback = (): void => {
      if (live) setMode('call');
    };
    client.workspace.readFile({ path: 'bdp.yaml' }).then((f) => {
      const prerun = prerunConfigSchema.safeParse(
        (parseYaml(f.text) as { prerun?: unknown } | null)?.prerun ?? {},
      );
      if (live) setMode(prerun.success ? prerun.data.externalApp : 'call');
    }, fallback);
    return () => {
      live = false;
    };
  }, []);
  return mode;
}

/** Pre-run: workflow, business date (default yesterday), scope and node; task files and External APP calls. */
export function PreRunDialog({ initial }: { initial: { workflow?: string; node?: string; scope?: Scope } }) {
  const workflows = useWorkflowFiles();
  const [path, setPath] = useState(() => preselectedWorkflow(workflows, initial.workflow));
  // The business date the status bar (and the editor's ${...} hovers) use.
  const [date, setDate] = useState(() => businessDateStore.get());
  const [scope, setScope] = useState<Scope>(initial.scope ?? 'workflow');
  const [node, setNode] = useState(initial.node ?? '');
  const [references, setReferences] = useState<ReferenceMode>('satisfied');
  const [waitMinutes, setWaitMinutes] = useState('60');
  const [busy, setBusy] = useState(false);
  const [workingCopy, setWorkingCopy] = useState(false);
  const externalAppDefault = useExternalAppDefault();
  const [externalAppChoice, setExternalApp] = useState<ExternalAppMode>();
  const externalApp = externalAppChoice ?? externalAppDefault ?? 'call';
  const parsed = useParsedWorkflow(path || undefined);
  const boundTasks =
    parsed?.tasks.filter((t) => (t.type === 'SHELL' || t.type === 'PYTHON') && t.resource).length ?? 0;
  const appTasks = parsed?.tasks.filter((t) => t.type === 'EXTERNAL_APP').length ?? 0;
  const nodes = nodeNames(parsed);
  const referenceCount = parsed?.references?.length ?? 0;
  const minutes = Number(waitMinutes);
  const timeoutValid =
    references === 'satisfied' || (Number.isInteger(minutes) && minutes >= 1 && minutes <= 7 * 24 * 60);
  const needsNode = scope !== 'workflow';
  const chosenNode = needsNode ? node || nodes[0] || '' : '';
  const valid = !!path && /^\d{4}-\d{2}-\d{2}$/.test(date) && (!needsNode || !!chosenNode) && timeoutValid;

  const run = async () => {
    if (!valid || busy) return;
    setBusy(true);
    const refs =
      referenceCount > 0 && references !== 'satisfied'
        ? { references, referenceTimeoutSeconds: minutes * 60 }
        : {};
    const inst = await startRun({
      workflow: path,
      businessDate: date,
      scope,
      ...(needsNode ? { node: chosenNode } : {}),
      ...refs,
      ...(workingCopy && boundTasks > 0 ? { workingCopy: true } : {}),
      ...(appTasks > 0 ? { externalApp } : {}),
    });
    setBusy(false);
    if (inst) {
      closeRunsDialog();
      openInstance(inst.instanceId, true);
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
      <input
        id="pr-date"
        className="input"
        type="date"
        data-testid="prerun-date"
        value={date}
        onChange={(e) => setDate(e.target.value)}
      />
      {valid && (
        <div className="form-hint">
          Trigger time {triggerTimeOfBusinessDate(date)} (workspace time zone): the business date is the
          trigger date − 1 day.
        </div>
      )}
      <label className="form-label">Scope</label>
      <div className="runs-radio-group" role="radiogroup" aria-label="Scope">
        {(['workflow', 'node', 'downstream'] as const).map((s) => (
          <label key={s} className="runs-radio">
            <input
              type="radio"
              name="pr-scope"
              value={s}
              data-testid={`prerun-scope-${s}`}
              checked={scope === s}
              onChange={() => setScope(s)}
            />
            {s === 'workflow' ? 'Whole workflow' : s === 'node' ? 'Node only' : 'Node and downstream'}
          </label>
        ))}
      </div>
      {needsNode && (
        <>
          <label className="form-label" htmlFor="pr-node">
            Node
          </label>
          <select
            id="pr-node"
            className="input"
            data-testid="prerun-node"
            value={chosenNode}
            onChange={(e) => setNode(e.target.value)}
          >
            {nodes.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </>
      )}
      <label className="form-label">References</label>
      {referenceCount === 0 ? (
        <div className="form-hint" data-testid="prerun-no-references">
          This workflow has no Flow or Task References.
        </div>
      ) : (
        <>
          <div className="runs-radio-group" role="radiogroup" aria-label="References">
            {REFERENCE_CHOICES.map((c) => (
              <label key={c.mode} className="runs-radio" title={c.hint}>
                <input
                  type="radio"
                  name="pr-references"
                  value={c.mode}
                  data-testid={`prerun-references-${c.mode}`}
                  checked={references === c.mode}
                  onChange={() => setReferences(c.mode)}
                />
                {c.label}
              </label>
            ))}
          </div>
          <div className="form-hint">
            {REFERENCE_CHOICES.find((c) => c.mode === references)?.hint} ({referenceCount} reference
            {referenceCount === 1 ? '' : 's'})
          </div>
          {references !== 'satisfied' && (
            <>
              <label className="form-label" htmlFor="pr-ref-timeout">
                Wait at most (minutes)
              </label>
              <input
                id="pr-ref-timeout"
                className="input"
                type="number"
                min={1}
                data-testid="prerun-reference-timeout"
                value={waitMinutes}
                onChange={(e) => setWaitMinutes(e.target.value)}
                aria-invalid={!timeoutValid}
              />
            </>
          )}
        </>
      )}
      <label className="form-label">Task files</label>
      {boundTasks === 0 ? (
        <div className="form-hint" data-testid="prerun-no-resources">
          No task of this workflow is bound to a resource version.
        </div>
      ) : (
        <>
          <label className="runs-radio">
            <input
              type="checkbox"
              data-testid="prerun-working-copy"
              checked={workingCopy}
              onChange={(e) => setWorkingCopy(e.target.checked)}
            />
            Use working copies of the resource sources
          </label>
          <div className="form-hint" data-testid="prerun-files-hint">
            {workingCopy
              ? `${boundTasks} task${boundTasks === 1 ? ' runs its' : 's run their'} resource's source file as it is now, not the pinned version; the instance records it.`
              : `${boundTasks} task${boundTasks === 1 ? ' runs its' : 's run their'} pinned resource version, read from git (sha256 checked), exactly as the published task will.`}
          </div>
        </>
      )}
      {appTasks > 0 && (
        <>
          <label className="form-label">External APP calls</label>
          <div className="runs-radio-group" role="radiogroup" aria-label="External APP calls">
            {(['record', 'call'] as const).map((m) => (
              <label key={m} className="runs-radio">
                <input
                  type="radio"
                  name="pr-external-app"
                  value={m}
                  data-testid={`prerun-external-app-${m}`}
                  checked={externalApp === m}
                  onChange={() => setExternalApp(m)}
                />
                {m === 'record' ? 'Record the request (log only)' : 'Send the request'}
              </label>
            ))}
          </div>
          <div className="form-hint">
            {externalApp === 'record'
              ? 'The log shows each request as it would be sent; the task succeeds without calling the service.'
              : 'Each request is sent as the published task will send it.'}
            {externalAppDefault && ` Default from bdp.yaml prerun.externalApp: ${externalAppDefault}.`}
          </div>
        </>
      )}
    </FormDialog>
  );
}
