import { lazy, Suspense } from 'react';
import { useStore } from '../../app/store';
import { scriptRunStore } from './script-run-store';

const OutputPanel = lazy(() => import('./OutputPanel').then((m) => ({ default: m.OutputPanel })));
const SqlResultsPanel = lazy(() => import('./SqlResultsPanel').then((m) => ({ default: m.SqlResultsPanel })));
const DebugPanel = lazy(() => import('./DebugPanel').then((m) => ({ default: m.DebugPanel })));

/** Bottom-panel tabs added by script runs, after Problems. */
export const SCRIPT_PANELS = [
  { id: 'output', title: 'Output' },
  { id: 'results', title: 'Results' },
  { id: 'debug', title: 'Debug' },
] as const;

export type ScriptPanelId = (typeof SCRIPT_PANELS)[number]['id'];

export function isScriptPanel(id: string): id is ScriptPanelId {
  return SCRIPT_PANELS.some((p) => p.id === id);
}

/** A small badge on a script panel tab: running / paused / result count. */
export function ScriptPanelBadge({ id }: { id: ScriptPanelId }) {
  const running = useStore(scriptRunStore, (s) => s.run?.status === 'running');
  const paused = useStore(scriptRunStore, (s) => s.debug?.state === 'paused');
  const results = useStore(scriptRunStore, (s) => s.sql.length);
  if (id === 'output' && running) return <span className="count-badge">●</span>;
  if (id === 'debug' && paused) return <span className="count-badge">❚❚</span>;
  if (id === 'results' && results > 0) return <span className="count-badge">{results}</span>;
  return null;
}

export function ScriptRunPanel({ id }: { id: ScriptPanelId }) {
  return (
    <Suspense fallback={null}>
      {id === 'output' ? <OutputPanel /> : id === 'results' ? <SqlResultsPanel /> : <DebugPanel />}
    </Suspense>
  );
}
