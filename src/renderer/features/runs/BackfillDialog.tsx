import { useState } from 'react';
import { FormDialog } from '../../ui/FormDialog';
import { WorkflowSelect } from './WorkflowSelect';
import { addDays, businessDatesBetween } from '../../../shared/run-dates';
import { businessDateStore } from '../editor';
import { preselectedWorkflow } from './use-workflow-files';
import { closeRunsDialog } from './dialogs-store';
import { startBackfill } from './runs-store';
import { useWorkflowFiles } from './use-workflow-files';

/** Backfill: one pre-run per business date of a range, N dates at a time, oldest or newest first. */
export function BackfillDialog({ initial }: { initial: { workflow?: string } }) {
  const workflows = useWorkflowFiles();
  const [path, setPath] = useState(() => preselectedWorkflow(workflows, initial.workflow));
  const [to, setTo] = useState(() => businessDateStore.get());
  const [from, setFrom] = useState(() => addDays(businessDateStore.get(), -6));
  const [parallelism, setParallelism] = useState(2);
  const [order, setOrder] = useState<'asc' | 'desc'>('asc');
  const [busy, setBusy] = useState(false);
  let dates: string[] = [];
  let error = '';
  try {
    dates = businessDatesBetween(from, to, order);
  } catch (e) {
    error = (e as Error).message;
  }
  const valid = !!path && !error && parallelism >= 1 && parallelism <= 8;

  const run = async () => {
    if (!valid || busy) return;
    setBusy(true);
    const created = await startBackfill({ workflow: path, from, to, parallelism, order });
    setBusy(false);
    if (created) closeRunsDialog();
  };

  return (
    <FormDialog
      title="Backfill"
      testId="backfill-dialog"
      width={480}
      onClose={closeRunsDialog}
      onSubmit={() => void run()}
      canSubmit={valid && !busy}
      submitLabel={
        <>Backfill {dates.length > 0 ? `${dates.length} day${dates.length > 1 ? 's' : ''}` : ''}</>
      }
      submitTestId="backfill-start"
    >
      <WorkflowSelect id="bf-workflow" testId="backfill-workflow" value={path} onChange={setPath} />
      <label className="form-label">Business dates</label>
      <div className="form-row">
        <input
          className="input"
          type="date"
          aria-label="From"
          data-testid="backfill-from"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
        <span className="runs-filter-sep">to</span>
        <input
          className="input"
          type="date"
          aria-label="To"
          data-testid="backfill-to"
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
      </div>
      {error && <div className="form-error">{error}</div>}
      <div className="form-row">
        <div className="runs-field">
          <label className="form-label" htmlFor="bf-par">
            Parallelism
          </label>
          <input
            id="bf-par"
            className="input"
            type="number"
            min={1}
            max={8}
            data-testid="backfill-parallelism"
            value={parallelism}
            onChange={(e) => setParallelism(Number(e.target.value))}
          />
        </div>
        <div className="runs-field">
          <label className="form-label" htmlFor="bf-order">
            Order
          </label>
          <select
            id="bf-order"
            className="input"
            data-testid="backfill-order"
            value={order}
            onChange={(e) => setOrder(e.target.value as 'asc' | 'desc')}
          >
            <option value="asc">Oldest first</option>
            <option value="desc">Newest first</option>
          </select>
        </div>
      </div>
      <div className="form-hint">
        One instance per business date. EnOS runs one instance of a workflow at a time; a backfill is the
        exception: up to {parallelism} dates run at once, each lane in order. Task parallelism (bdp.yaml)
        still caps the processes.
      </div>
    </FormDialog>
  );
}
