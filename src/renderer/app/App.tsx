import { useEffect } from 'react';
import { Toasts } from '../ui/Toasts';
import { WelcomeDialogs, WelcomePage } from '../features/welcome';
import { WorkflowDialogs } from '../features/workflows';
import { ResourceDialogs } from '../features/resources';
import { ScmDialogs } from '../features/scm';
import { initWorkspace, workspaceStore } from '../features/workspace';
import { CommandPalette } from './CommandPalette';
import { StatusBar } from './StatusBar';
import { initTheme } from './theme-store';
import { useKeybindings } from './use-keybindings';
import { useWindowTitle } from './use-window-title';
import { Workbench } from './Workbench';
import { registerWorkbenchCommands } from './workbench-commands';
import { registerScriptRunCommands } from '../features/script-run';
import { startEditorSession } from '../features/editor';
import { useStore } from './store';

export function App() {
  const ready = useStore(workspaceStore, (s) => s.ready);
  const hasWorkspace = useStore(workspaceStore, (s) => s.workspace !== null);
  useEffect(() => registerWorkbenchCommands(), []);
  useEffect(() => registerScriptRunCommands(), []);
  useEffect(() => startEditorSession(), []);
  useEffect(() => {
    initWorkspace();
    void initTheme();
  }, []);
  useKeybindings();
  useWindowTitle();

  return (
    <div className="workbench" data-testid="workbench" data-ready={ready || undefined}>
      {!ready ? (
        <div className="app-loading" aria-busy="true" />
      ) : hasWorkspace ? (
        <Workbench />
      ) : (
        <WelcomePage />
      )}
      <StatusBar />
      <CommandPalette />
      <WelcomeDialogs />
      {hasWorkspace && <WorkflowDialogs />}
      {hasWorkspace && <ResourceDialogs />}
      {/* After ResourceDialogs: the author question can come on top of New Version. */}
      {hasWorkspace && <ScmDialogs />}
      <Toasts />
    </div>
  );
}
