import type { RemoteDirectory } from '../../../shared/contract';
import { Codicon } from '../../ui/Codicon';

/** The remote workflow directories of a Test Connection answer, fully expanded. */
export function DirectoryTree({ dir, depth = 0 }: { dir: RemoteDirectory; depth?: number }) {
  const pad = { paddingLeft: 8 + depth * 12 };
  return (
    <>
      <div className="remote-tree-row" style={pad} data-testid="remote-dir" title={dir.path || '/'}>
        <Codicon name="folder-opened" className="file-icon tone-folder" />
        <span>{dir.name || '/'}</span>
      </div>
      {dir.children.map((c) => (
        <DirectoryTree key={c.path} dir={c} depth={depth + 1} />
      ))}
      {dir.workflows.map((w) => (
        <div key={w} className="remote-tree-row" style={{ paddingLeft: 8 + (depth + 1) * 12 }}>
          <Codicon name="type-hierarchy-sub" className="file-icon tone-workflow" />
          <span>{w}</span>
        </div>
      ))}
    </>
  );
}
