import { useState } from 'react';
import { FormDialog } from '../../ui/FormDialog';

const day = (ms: number): string =>
  new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
/** Local midnight of a `YYYY-MM-DD` input. */
const midnight = (d: string): number => new Date(`${d}T00:00:00`).getTime();

/** Asks for the date range of a backfill (complement data): one run per schedule date, oldest first. */
export function BackfillDialog({
  workflow,
  onBackfill,
  onClose,
}: {
  workflow: string;
  onBackfill(from: number, to: number): void;
  onClose(): void;
}) {
  const [from, setFrom] = useState(() => day(Date.now() - 3 * 86_400_000));
  const [to, setTo] = useState(() => day(Date.now() - 86_400_000));
  const start = from ? midnight(from) : NaN;
  const end = to ? midnight(to) + 86_399_000 : NaN;
  const days = Math.round((end - start) / 86_400_000);
  const error =
    !Number.isFinite(start) || !Number.isFinite(end)
      ? 'Pick both dates.'
      : start > end
        ? 'The first date is after the last one.'
        : days > 100
          ? 'At most 100 days at once.'
          : null;
  const submit = () => {
    if (error) return;
    onBackfill(start, end);
    onClose();
  };
  return (
    <FormDialog
      title={`Backfill ${workflow}`}
      testId="backfill-dialog"
      onClose={onClose}
      onSubmit={submit}
      canSubmit={!error}
      submitLabel="Backfill"
      submitTestId="backfill-confirm"
    >
      <div className="form-hint">
        Runs the workflow once for every schedule date in the range (daily when it has no schedule), oldest
        first, one after the other.
      </div>
      <div className="form-columns">
        <div>
          <label className="form-label" htmlFor="backfill-from">
            From
          </label>
          <input
            id="backfill-from"
            data-autofocus
            type="date"
            className="input"
            data-testid="backfill-from"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        </div>
        <div>
          <label className="form-label" htmlFor="backfill-to">
            To (inclusive)
          </label>
          <input
            id="backfill-to"
            type="date"
            className="input"
            data-testid="backfill-to"
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
        </div>
      </div>
      {error ? (
        <div className="form-error">{error}</div>
      ) : (
        <div className="form-hint">
          {days} day{days === 1 ? '' : 's'} (this machine&apos;s time zone)
        </div>
      )}
      <button type="submit" hidden />
    </FormDialog>
  );
}
