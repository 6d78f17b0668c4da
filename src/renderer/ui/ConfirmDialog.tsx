import { useState, type ReactNode } from 'react';
import { Dialog } from './Dialog';

export interface ConfirmDialogProps {
  title: string;
  /** The action's button label (a verb: "Stop", "Replace"). */
  confirmLabel: string;
  danger?: boolean;
  testId?: string;
  /** The action button's test id; `${testId}-confirm` by default. */
  confirmTestId?: string;
  children: ReactNode;
  /**
   * The action. A promise keeps the dialog open, its button disabled, until it settles: it closes
   * unless the promise resolves to `false` or rejects (the action shows its own error).
   */
  onConfirm(): void | Promise<boolean | void>;
  onClose(): void;
}

/** Asks before a destructive action: Cancel keeps the focus, Enter on the action button confirms. */
export function ConfirmDialog({
  title,
  confirmLabel,
  danger,
  testId,
  confirmTestId,
  children,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const confirm = async (): Promise<void> => {
    const result = onConfirm();
    if (!(result instanceof Promise)) return onClose();
    setBusy(true);
    const done = await result.then(
      (ok) => ok !== false,
      () => false,
    );
    if (done) onClose();
    else setBusy(false);
  };
  return (
    <Dialog
      title={title}
      testId={testId}
      onClose={onClose}
      footer={
        <>
          <button className="button secondary" data-autofocus onClick={onClose}>
            Cancel
          </button>
          <button
            className={`button${danger ? ' danger' : ''}`}
            data-testid={confirmTestId ?? (testId ? `${testId}-confirm` : undefined)}
            disabled={busy}
            onClick={() => void confirm()}
          >
            {confirmLabel}
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
