import { useEffect, useRef } from 'react';
import { useStore } from '../../app/store';
import { Codicon } from '../../ui/Codicon';
import { remoteStore } from './remote-store';

/** The selected task's log, monospace, kept scrolled to its end as it grows. */
export function TaskLog() {
  const task = useStore(remoteStore, (s) => s.logTask);
  const log = useStore(remoteStore, (s) => s.log);
  const ref = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [log]);
  if (!task) return <div className="remote-empty">Select a task&apos;s log to read it here.</div>;
  return (
    <div className="task-log" data-testid="remote-log">
      <div className="remote-panel-title">
        <Codicon name="output" /> Log of {task.name} <span className="muted">{task.id}</span>
      </div>
      <pre ref={ref} className="task-log-text" data-testid="remote-log-text">
        {log ?? 'Loading…'}
      </pre>
    </div>
  );
}
