import { useState } from 'react';
import { useStore } from '../../app/store';
import { Dialog } from '../../components/Dialog';
import { FormDialog } from '../../components/FormDialog';
import { authorPromptStore, confirmDiscard, discardPromptStore } from './scm-store';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function DiscardDialog({ paths, untracked }: { paths: string[]; untracked: number }) {
  const close = () => discardPromptStore.set(null);
  const one = paths.length === 1;
  return (
    <Dialog
      title="Discard changes"
      testId="discard-dialog"
      onClose={close}
      footer={
        <>
          <button className="button secondary" onClick={close}>
            Cancel
          </button>
          <button className="button danger" data-testid="discard-confirm" onClick={() => void confirmDiscard()}>
            {one ? 'Discard File' : `Discard ${paths.length} Files`}
          </button>
        </>
      }
    >
      <p>
        {one ? (
          <>
            Discard the changes in <code>{paths[0]}</code>?
          </>
        ) : (
          `Discard the changes in ${paths.length} files?`
        )}{' '}
        This cannot be undone.
      </p>
      {untracked > 0 && (
        <div className="form-error">
          {untracked === 1 && one ? 'The file is untracked: it will be DELETED.' : `${untracked} untracked file${untracked === 1 ? '' : 's'} will be DELETED.`}
        </div>
      )}
    </Dialog>
  );
}

function AuthorDialog({ answer }: { answer: (a: { name: string; email: string } | null) => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const valid = name.trim() !== '' && EMAIL.test(email.trim());
  return (
    <FormDialog
      title="Who is committing?"
      testId="git-author-dialog"
      onClose={() => answer(null)}
      onSubmit={() => answer({ name: name.trim(), email: email.trim() })}
      canSubmit={valid}
      submitLabel="Save and Commit"
      submitTestId="git-author-save"
    >
      <div className="form-hint">Commits record an author. This is asked once and kept in Settings (Git author).</div>
      <label className="form-label" htmlFor="git-author-name">
        Name
      </label>
      <input id="git-author-name" className="input" data-testid="git-author-name" value={name} onChange={(e) => setName(e.target.value)} data-autofocus />
      <label className="form-label" htmlFor="git-author-email">
        Email
      </label>
      <input id="git-author-email" className="input" data-testid="git-author-email" value={email} onChange={(e) => setEmail(e.target.value)} />
      {email.trim() !== '' && !EMAIL.test(email.trim()) && <div className="form-error">Enter an email address like name@example.com.</div>}
    </FormDialog>
  );
}

/** Discard confirmation and the one-time author question (mounted once beside the workbench). */
export function ScmDialogs() {
  const discard = useStore(discardPromptStore, (s) => s);
  const author = useStore(authorPromptStore, (s) => s);
  return (
    <>
      {discard && <DiscardDialog paths={discard.paths} untracked={discard.untracked} />}
      {author && <AuthorDialog answer={author.answer} />}
    </>
  );
}
