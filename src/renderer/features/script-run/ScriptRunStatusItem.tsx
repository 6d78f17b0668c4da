import { Codicon } from '../../ui/Codicon';
import { showPanel } from '../../app/layout-store';
import { useStore } from '../../app/store';
import { scriptRunStore } from './script-run-store';

/** Status bar: the script run in progress (click: its console), or where the debugger is paused. */
export function ScriptRunStatusItem() {
  const run = useStore(scriptRunStore, (s) => s.run);
  const debug = useStore(scriptRunStore, (s) => s.debug);
  if (!run || run.status !== 'running') return null;
  const name = run.path.split('/').pop();
  const paused = debug?.state === 'paused';
  return (
    <button
      className="status-item"
      data-testid="status-script-run"
      title={
        paused
          ? 'Paused in the debugger: show Call Stack and Variables'
          : 'Show the run console (Shift+F5 stops it)'
      }
      onClick={() => showPanel(paused ? 'debug' : 'output')}
    >
      <Codicon
        name={paused ? 'debug-pause' : 'loading'}
        className={paused ? undefined : 'codicon-modifier-spin'}
      />
      <span>{paused ? `Paused ${name}:${debug.line ?? ''}` : `Running ${name}`}</span>
    </button>
  );
}
