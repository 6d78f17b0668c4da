import { Codicon } from '../../ui/Codicon';
import { fileIcon } from '../../ui/file-icons';
import { revealInExplorer } from '../explorer';
import { showView } from '../../app/layout-store';

/** `workflows › retail › daily_orders.workflow.yaml` under the tabs; clicking a folder reveals it. */
export function Breadcrumbs({ path }: { path: string }) {
  const parts = path.split('/');
  const icon = fileIcon(parts[parts.length - 1], 'file');
  return (
    <div className="breadcrumbs editor-breadcrumbs" aria-label="Breadcrumbs">
      {parts.map((part, i) => {
        const last = i === parts.length - 1;
        const at = parts.slice(0, i + 1).join('/');
        return (
          <span key={at} className="breadcrumb">
            {i > 0 && <Codicon name="chevron-right" className="breadcrumb-sep" />}
            {last && <Codicon name={icon.icon} className={`file-icon tone-${icon.tone}`} />}
            <button
              className="link-button"
              onClick={() => {
                showView('explorer');
                revealInExplorer(at);
              }}
            >
              {part}
            </button>
          </span>
        );
      })}
    </div>
  );
}
