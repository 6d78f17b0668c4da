import type { ReactNode } from 'react';
import { Dialog } from './Dialog';

export interface ConfirmDialogProps {
  title: string;
  /** The action's button label (a verb: "Stop", "Replace"). */
  confirmLabel: string;
  danger?: boolean;
  testId?: string;
  children: ReactNode;
  onConfirm(): void;
  onClose(): void;
}

/** Asks before a destructive action: Cancel keeps the focus, Enter on the action button confirms. */
export function ConfirmDialog({
  title,
  confirmLabel,
  danger,
  testId,
  children,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
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
            data-testid={testId ? `${testId}-confirm` : undefined}
            onClick={() => {
              onClose();
              onConfirm();
            }}
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
