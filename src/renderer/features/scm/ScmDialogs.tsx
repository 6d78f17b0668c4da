import { useEffect, useState } from 'react';
import { client } from '../../platform/services';
import { useStore } from '../../app/store';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { FormDialog } from '../../ui/FormDialog';
import { branchNameProblem, sanitizeBranchInput } from '../../../shared/git-ref-name';
import {
  authorPromptStore,
  confirmDiscard,
  createBranch,
  createBranchPromptStore,
  discardPromptStore,
  scmStore,
} from './scm-store';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function DiscardDialog({ paths, untracked }: { paths: string[]; untracked: number }) {
  const close = () => discardPromptStore.set(null);
  const one = paths.length === 1;
  return (
    <ConfirmDialog
      title="Discard changes"
      confirmLabel={one ? 'Discard File' : `Discard ${paths.length} Files`}
      danger
      testId="discard-dialog"
      confirmTestId="discard-confirm"
      onConfirm={confirmDiscard}
      onClose={close}
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
          {untracked === 1 && one
            ? 'The file is untracked: it will be DELETED.'
            : `${untracked} untracked file${untracked === 1 ? '' : 's'} will be DELETED.`}
        </div>
      )}
    </ConfirmDialog>
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
      <div className="form-hint">
        Commits record an author. This is asked once and kept in Settings (Git author).
      </div>
      <label className="form-label" htmlFor="git-author-name">
        Name
      </label>
      <input
        id="git-author-name"
        className="input"
        data-testid="git-author-name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        data-autofocus
      />
      <label className="form-label" htmlFor="git-author-email">
        Email
      </label>
      <input
        id="git-author-email"
        className="input"
        data-testid="git-author-email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      {email.trim() !== '' && !EMAIL.test(email.trim()) && (
        <div className="form-error">Enter an email address like name@example.com.</div>
      )}
    </FormDialog>
  );
}

/** VS Code's "Create Branch" input: whitespace becomes `-`, git's ref rules are checked while typing. */
function CreateBranchDialog() {
  const [name, setName] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const status = useStore(scmStore, (s) => s.status);
  const [existing, setExisting] = useState<readonly string[]>([]);
  useEffect(() => {
    let live = true;
    client.git.branches().then(
      (r) => live && setExisting(r.branches),
      () => undefined, // the service checks again on submit
    );
    return () => {
      live = false;
    };
  }, []);
  const close = () => createBranchPromptStore.set(null);
  const problem =
    name === ''
      ? null
      : (branchNameProblem(name) ??
        (existing.includes(name) ? `A branch named "${name}" already exists.` : null));
  const from = status?.branch ?? (status?.head ? status.head.slice(0, 7) : null);
  const submit = async () => {
    setPending(true);
    const error = await createBranch(name);
    setPending(false);
    if (error === null) close();
    else setFailure(error);
  };
  return (
    <FormDialog
      title="Create Branch"
      testId="git-create-branch-dialog"
      width={420}
      onClose={close}
      onSubmit={() => void submit()}
      canSubmit={name !== '' && problem === null && !pending}
      submitLabel="Create and Switch"
      submitTestId="git-create-branch-submit"
    >
      <label className="form-label" htmlFor="git-branch-name">
        Branch name
      </label>
      <input
        id="git-branch-name"
        className={`input${problem || failure ? ' invalid' : ''}`}
        data-testid="git-branch-name"
        placeholder="e.g. feature/orders"
        spellCheck={false}
        autoComplete="off"
        value={name}
        aria-invalid={problem !== null || failure !== null}
        aria-describedby="git-branch-name-message"
        onChange={(e) => {
          setName(sanitizeBranchInput(e.target.value));
          setFailure(null);
        }}
        data-autofocus
      />
      <div
        id="git-branch-name-message"
        data-testid="git-branch-name-message"
        className={problem || failure ? 'form-error' : 'form-hint'}
      >
        {problem ??
          failure ??
          (from ? (
            <>
              Created from <code>{from}</code>; your uncommitted changes come along.
            </>
          ) : (
            'Names the branch your first commit will start.'
          ))}
      </div>
    </FormDialog>
  );
}

/** Discard confirmation and the one-time author question (mounted once beside the workbench). */
export function ScmDialogs() {
  const discard = useStore(discardPromptStore, (s) => s);
  const author = useStore(authorPromptStore, (s) => s);
  const createBranchPrompt = useStore(createBranchPromptStore, (s) => s);
  return (
    <>
      {createBranchPrompt && <CreateBranchDialog />}
      {discard && <DiscardDialog paths={discard.paths} untracked={discard.untracked} />}
      {author && <AuthorDialog answer={author.answer} />}
    </>
  );
}
