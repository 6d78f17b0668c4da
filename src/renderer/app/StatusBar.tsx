import { useSyncExternalStore } from 'react';
import { Codicon } from '../ui/Codicon';
import { BusinessDatePicker, editorStatusStore, editorStore, useProblems } from '../features/editor';
import { ScriptRunStatusItem } from '../features/script-run';
import { countProblems } from '../features/problems';
import { BranchStatusItem } from '../features/scm';
import { workspaceStore } from '../features/workspace';
import { connection } from '../platform/services';
import type { ConnectionState } from '../platform/connection';
import { layoutStore, patchLayout, showPanel } from './layout-store';
import { showPalette } from './palette-store';
import { useStore } from './store';
import { themeStore, toggleTheme } from './theme-store';

const subscribeConnection = (onChange: () => void): (() => void) => connection.onDidChangeState(onChange);

function useConnectionState(): ConnectionState {
  return useSyncExternalStore(subscribeConnection, () => connection.getState());
}

export function StatusBar() {
  const workspace = useStore(workspaceStore, (s) => s.workspace);
  const problems = useProblems();
  const cursor = useStore(editorStore, (s) => s.cursor);
  const editorStatus = useStore(editorStatusStore, (s) => s);
  const theme = useStore(themeStore, (s) => s.resolved);
  const panelShowsProblems = useStore(layoutStore, (s) => s.panelVisible && s.activePanel === 'problems');
  const state = useConnectionState();
  const { errors, warnings } = countProblems(problems);
  const disconnected = state !== 'connected';

  return (
    <footer
      className={`status-bar${disconnected ? ' disconnected' : ''}${workspace ? '' : ' no-workspace'}`}
      data-testid="status-bar"
    >
      <div className="status-left">
        {workspace && (
          <button
            className="status-item"
            title={workspace.root}
            data-testid="status-workspace"
            onClick={() => showPalette('')}
          >
            <Codicon name="root-folder" />
            <span>{workspace.name}</span>
          </button>
        )}
        {workspace && <BranchStatusItem />}
        {workspace && (
          <button
            className="status-item"
            data-testid="status-problems"
            data-errors={errors}
            data-warnings={warnings}
            title={`Errors: ${errors}, Warnings: ${warnings}`}
            onClick={() =>
              panelShowsProblems ? patchLayout({ panelVisible: false }) : showPanel('problems')
            }
          >
            <Codicon name="error" />
            <span>{errors}</span>
            <Codicon name="warning" />
            <span>{warnings}</span>
          </button>
        )}
        {workspace && <ScriptRunStatusItem />}
        {disconnected && (
          <span className="status-item status-connection" data-testid="status-connection" role="alert">
            <Codicon
              name={state === 'reconnecting' ? 'debug-disconnect' : 'loading'}
              className={state === 'connecting' ? 'codicon-modifier-spin' : undefined}
            />
            <span>{state === 'reconnecting' ? 'Disconnected — reconnecting…' : 'Connecting…'}</span>
          </span>
        )}
      </div>
      <div className="status-right">
        {cursor && (
          <span className="status-item" data-testid="status-cursor">
            Ln {cursor.line}, Col {cursor.column}
            {cursor.selected ? ` (${cursor.selected} selected)` : ''}
          </span>
        )}
        {cursor && editorStatus?.path === cursor.path ? (
          <>
            <span className="status-item" data-testid="status-indentation">
              {editorStatus.indentation}
            </span>
            <span className="status-item" data-testid="status-language">
              {editorStatus.language}
            </span>
          </>
        ) : (
          cursor && <span className="status-item">Read-only</span>
        )}
        {workspace && <BusinessDatePicker />}
        <button
          className="status-item"
          data-testid="theme-toggle"
          title={`Switch to the ${theme === 'dark' ? 'light' : 'dark'} theme`}
          aria-label="Toggle theme"
          onClick={() => void toggleTheme()}
        >
          <Codicon name="color-mode" />
          <span>{theme === 'dark' ? 'Dark' : 'Light'}</span>
        </button>
      </div>
    </footer>
  );
}
