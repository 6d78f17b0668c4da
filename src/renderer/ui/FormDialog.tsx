import type { ReactNode } from 'react';
import { Dialog } from './Dialog';

export interface FormDialogProps {
  title: string;
  testId?: string;
  width?: number;
  onClose(): void;
  /** Runs on the primary button and on Enter in a field. */
  onSubmit(): void;
  canSubmit: boolean;
  submitLabel: ReactNode;
  submitTestId?: string;
  children: ReactNode;
}

/** A dialog holding one form, with Cancel and a primary button that submits it. */
export function FormDialog({
  title,
  testId,
  width,
  onClose,
  onSubmit,
  canSubmit,
  submitLabel,
  submitTestId,
  children,
}: FormDialogProps) {
  return (
    <Dialog
      title={title}
      testId={testId}
      width={width}
      onClose={onClose}
      footer={
        <>
          <button className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button className="button" data-testid={submitTestId} disabled={!canSubmit} onClick={onSubmit}>
            {submitLabel}
          </button>
        </>
      }
    >
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (canSubmit) onSubmit();
        }}
      >
        {children}
      </form>
    </Dialog>
  );
}
