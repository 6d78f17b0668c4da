import { Dialog } from '../../ui/Dialog';
import { useStore } from '../../app/store';
import { closePromptStore } from './document-store';

/** "Do you want to save the changes you made to x?" when a tab with unsaved edits closes. */
export function SaveChangesDialog() {
  const prompt = useStore(closePromptStore, (s) => s);
  if (!prompt) return null;
  const name = prompt.path.slice(prompt.path.lastIndexOf('/') + 1);
  return (
    <Dialog
      title="Save changes"
      testId="save-changes-dialog"
      width={440}
      onClose={() => prompt.answer('cancel')}
      footer={
        <>
          <button
            className="button"
            data-testid="save-changes-save"
            data-autofocus
            onClick={() => prompt.answer('save')}
          >
            Save
          </button>
          <button
            className="button secondary"
            data-testid="save-changes-discard"
            onClick={() => prompt.answer('discard')}
          >
            Don&apos;t Save
          </button>
          <button
            className="button secondary"
            data-testid="save-changes-cancel"
            onClick={() => prompt.answer('cancel')}
          >
            Cancel
          </button>
        </>
      }
    >
      <p className="dialog-message">
        Do you want to save the changes you made to <strong>{name}</strong>?
      </p>
      <p className="dialog-detail">Your changes will be lost if you don&apos;t save them.</p>
    </Dialog>
  );
}
