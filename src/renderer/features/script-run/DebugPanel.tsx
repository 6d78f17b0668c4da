import { Codicon } from '../../ui/Codicon';
import { useStore } from '../../app/store';
import { scriptRunStore, selectFrame } from './script-run-store';
import { DebugConsole } from './DebugConsole';
import { VariableTree } from './VariableTree';
import './script-run.css';

/** Call stack and the selected frame's variables of a paused Python debug run. */
export function DebugPanel() {
  const debug = useStore(scriptRunStore, (s) => s.debug);
  const frameIndex = useStore(scriptRunStore, (s) => s.frame);
  const run = useStore(scriptRunStore, (s) => s.run);
  const debugging = run?.mode === 'debug' && run.status === 'running';
  const paused = debugging && debug?.state === 'paused';
  const frames = paused ? (debug.frames ?? []) : [];
  const frame = frames[frameIndex];
  const state = !debugging
    ? 'Start a Python script with Debug (Ctrl+Shift+D); it stops at the breakpoints set in the gutter.'
    : paused
      ? null
      : 'Running…';
  return (
    <div
      className="debug-panel"
      data-testid="debug-panel"
      data-state={paused ? 'paused' : debugging ? 'running' : 'idle'}
    >
      <section className="debug-section" aria-label="Call Stack">
        <div className="debug-section-title">Call Stack</div>
        <div className="debug-list" data-testid="debug-call-stack">
          {state && <div className="debug-state">{state}</div>}
          {frames.map((f, i) => (
            <button
              key={i}
              className={`debug-frame${i === frameIndex ? ' active' : ''}`}
              data-testid="debug-frame"
              onClick={() => selectFrame(i)}
            >
              <span>
                {i === 0 && <Codicon name="debug-stackframe" />} {f.name}
              </span>
              <span className="where">
                {f.path.split('/').pop()}:{f.line}
              </span>
            </button>
          ))}
        </div>
      </section>
      <section className="debug-section" aria-label="Variables">
        <div className="debug-section-title">Variables{frame ? ` — ${frame.name}` : ''}</div>
        <div className="debug-list" data-testid="debug-variables">
          {frame && frame.locals.length === 0 && <div className="debug-state">No local variables</div>}
          {frame && <VariableTree variables={frame.locals} label="Locals" />}
          {frame && frame.globals.length > 0 && (
            <>
              <div className="debug-subtitle">Module globals</div>
              <div data-testid="debug-globals">
                <VariableTree variables={frame.globals} label="Module globals" />
              </div>
            </>
          )}
        </div>
      </section>
      <section className="debug-section" aria-label="Debug Console">
        <div className="debug-section-title">Debug Console</div>
        <DebugConsole paused={paused} />
      </section>
    </div>
  );
}
