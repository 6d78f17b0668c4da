import { memo } from 'react';
import { Codicon } from '../../ui/Codicon';
import { fileIcon } from '../../ui/file-icons';
import { activateTab, closeTab, pinTab } from './editor-store';
import { tabLabel } from '../../ui/tab-labels';

export interface TabProps {
  path: string;
  preview: boolean;
  active: boolean;
  severity: 'error' | 'warning' | null;
  /** Unsaved changes: ● instead of the close button until hovered. */
  dirty: boolean;
  /** Shown after the name when two tabs have the same file name. */
  description?: string;
}

export const Tab = memo(function Tab({ path, preview, active, severity, dirty, description }: TabProps) {
  const name = tabLabel(path) ?? path.slice(path.lastIndexOf('/') + 1);
  const icon = fileIcon(name, 'file');
  return (
    <div
      role="tab"
      aria-selected={active}
      tabIndex={active ? 0 : -1}
      title={dirty ? `${path} (unsaved)` : path}
      className={`tab${active ? ' active' : ''}${preview ? ' preview' : ''}${dirty ? ' dirty' : ''}${severity ? ' has-' + severity : ''}`}
      data-testid="editor-tab"
      data-path={path}
      data-preview={preview || undefined}
      data-dirty={dirty || undefined}
      onMouseDown={(e) => {
        if (e.button === 0) activateTab(path);
        // Stop the browser's autoscroll on middle-click.
        if (e.button === 1) e.preventDefault();
      }}
      onAuxClick={(e) => {
        if (e.button === 1) {
          e.preventDefault();
          closeTab(path);
        }
      }}
      onDoubleClick={() => pinTab(path)}
    >
      <Codicon name={icon.icon} className={`file-icon tone-${icon.tone}`} />
      <span className="tab-label">{name}</span>
      {description && <span className="tab-description">{description}</span>}
      <button
        className="tab-close icon-button"
        title="Close (Ctrl+W)"
        aria-label={`Close ${name}`}
        data-testid="editor-tab-close"
        onMouseDown={(e) => e.stopPropagation()}
        onClick={(e) => {
          e.stopPropagation();
          closeTab(path);
        }}
      >
        <Codicon name="close" className="tab-close-icon" />
        {dirty && <Codicon name="circle-filled" className="tab-dirty-icon" />}
      </button>
    </div>
  );
});
