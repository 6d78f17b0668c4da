import { useState } from 'react';
import { businessDateAt } from '../../ui/format-time';
import { FormDialog } from '../../ui/FormDialog';

function localInputValue(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/**
 * Asks for the trigger time of a run (it feeds `${cal_dt}` and the other time variables: the
 * business date is the trigger date minus one day). A past time runs at once.
 */
export function TriggerDialog({
  title,
  detail,
  initialTime,
  onTrigger,
  onClose,
}: {
  title: string;
  detail: string;
  /** Epoch ms the dialog starts at (a rerun of an instance: its own trigger time); default now. */
  initialTime?: number;
  onTrigger(triggerTime: number): void;
  onClose(): void;
}) {
  const [value, setValue] = useState(() => localInputValue(initialTime ?? Date.now()));
  const time = value ? new Date(value).getTime() : NaN;
  const valid = Number.isFinite(time);
  const submit = () => {
    if (!valid) return;
    onTrigger(time);
    onClose();
  };
  return (
    <FormDialog
      title={title}
      testId="trigger-dialog"
      onClose={onClose}
      onSubmit={submit}
      canSubmit={valid}
      submitLabel="Trigger"
      submitTestId="trigger-confirm"
    >
      <div className="form-hint">{detail}</div>
      <label className="form-label" htmlFor="trigger-time">
        Trigger time (this machine&apos;s time zone)
      </label>
      <input
        id="trigger-time"
        data-autofocus
        type="datetime-local"
        className="input"
        data-testid="trigger-time"
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      {valid && <div className="form-hint">Business date (cal_dt): {businessDateAt(time)}</div>}
      <button type="submit" hidden />
    </FormDialog>
  );
}
