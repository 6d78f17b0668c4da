import { useStore } from '../../app/store';
import { Codicon } from '../../ui/Codicon';
import { exportPrerequisites, publishStore } from './publish-store';

function FileList({ files }: { files: string[] }) {
  return (
    <>
      {files.map((f, i) => (
        <span key={f}>
          {i > 0 && ', '}
          <code data-testid="export-file">{f}</code>
        </span>
      ))}
    </>
  );
}

/** Resource versions to upload by hand: how many, Export, and where the export wrote them. */
export function PrerequisitesBar({ count }: { count: number }) {
  const exporting = useStore(publishStore, (s) => s.exporting);
  const exported = useStore(publishStore, (s) => s.exported);
  return (
    <div
      className={`publish-warning prerequisites-bar${exported ? ' exported' : ''}`}
      data-testid="prerequisites-bar"
    >
      <Codicon
        name={exported ? 'pass-filled' : 'package'}
        className={exported ? 'sev-success' : 'sev-warning'}
      />
      {exported ? (
        <span data-testid="export-result" data-dir={exported.dir}>
          Exported {exported.files.length} file{exported.files.length === 1 ? '' : 's'} to{' '}
          <code>{exported.dir}</code>
          {exported.files.length > 0 && ' — upload in the EnOS console: '}
          <FileList files={exported.files} />
        </span>
      ) : (
        <span>
          {count} resource version{count === 1 ? '' : 's'} must be uploaded in the EnOS console before the
          workflows that use {count === 1 ? 'it' : 'them'} run.
        </span>
      )}
      <span className="spacer" />
      <button
        className="button secondary small"
        data-testid="publish-export"
        disabled={exporting}
        onClick={() => void exportPrerequisites()}
      >
        <Codicon
          name={exporting ? 'loading' : 'desktop-download'}
          className={exporting ? 'codicon-modifier-spin' : undefined}
        />{' '}
        Export files for the console…
      </button>
    </div>
  );
}
