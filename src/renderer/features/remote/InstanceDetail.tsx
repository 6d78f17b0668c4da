import { useState } from 'react';
import type { RemoteTaskInfo } from '../../../shared/contract';
import { useStore } from '../../app/store';
import { Codicon } from '../../ui/Codicon';
import { RemoteGraph } from './RemoteGraph';
import { useRemoteCapabilities } from './capabilities';
import {
  forceTaskSuccess,
  recoverInstance,
  remoteStore,
  rerunFromTask,
  rerunInstance,
  showLog,
  stopInstance,
} from './remote-store';
import { formatDuration, formatTime } from './format-time';
import { StateBadge } from './StateBadge';
import { TaskLog } from './TaskLog';
import { orderTasks } from './task-order';
import { TriggerDialog } from './TriggerDialog';

const STOPPABLE = new Set(['INIT', 'WAIT', 'READY', 'RUNNING']);
const FINISHED = new Set(['SUCCESS', 'FAIL', 'CANCEL', 'SUSPEND']);
const FORCIBLE = new Set(['FAIL', 'CANCEL']);

/** One instance: its graph and its tasks in dependency order with states, logs, rerun from a node, stop. */
export function InstanceDetail() {
  const detail = useStore(remoteStore, (s) => s.detail);
  const selected = useStore(remoteStore, (s) => s.selectedInstance);
  const logTask = useStore(remoteStore, (s) => s.logTask);
  const [rerun, setRerun] = useState<RemoteTaskInfo | null>(null);
  const caps = useRemoteCapabilities();
  if (!selected)
    return <div className="remote-empty remote-detail-empty">Select an instance to see its tasks.</div>;
  if (!detail) return <div className="remote-empty remote-detail-empty">Loading {selected}…</div>;
  const ordered = orderTasks(detail.tasks, detail.relations);
  return (
    <section className="remote-panel remote-detail" data-testid="remote-detail" data-state={detail.state}>
      <div className="remote-panel-title">
        <StateBadge state={detail.state} />
        <strong>{detail.workflowName}</strong>
        <span className="muted instance-detail-id" title={detail.id}>
          {detail.id}
        </span>
        <span className="spacer" />
        <span
          className="muted"
          data-testid="remote-detail-times"
          title={`triggered ${formatTime(detail.triggerTime)}`}
        >
          {detail.startTime
            ? `${detail.endTime ? 'ran' : 'running'} ${formatDuration(detail.startTime, detail.endTime)}`
            : 'not started'}
        </span>
        {caps.rerunInstance && FINISHED.has(detail.state) && (
          <button
            className="button secondary small"
            data-testid="remote-rerun-instance"
            title="Run this instance again in place"
            onClick={() => void rerunInstance(detail.id)}
          >
            <Codicon name="refresh" /> Rerun
          </button>
        )}
        {caps.recoverFailed && detail.state === 'FAIL' && (
          <button
            className="button secondary small"
            data-testid="remote-recover"
            title="Run the failed tasks again in this instance"
            onClick={() => void recoverInstance(detail.id)}
          >
            <Codicon name="debug-rerun" /> Recover failed
          </button>
        )}
        {STOPPABLE.has(detail.state) && (
          <button
            className="button secondary small"
            data-testid="remote-stop"
            onClick={() => void stopInstance(detail.id)}
          >
            <Codicon name="debug-stop" /> Stop
          </button>
        )}
      </div>
      <div className="remote-graph">
        <RemoteGraph
          key={detail.id}
          detail={detail}
          onSelect={(name) => {
            const task = detail.tasks.find((t) => t.taskName === name);
            if (task?.id) void showLog({ id: task.id, name: task.taskName });
          }}
        />
      </div>
      <div className="task-list" role="list">
        {ordered.map(({ task, upstream }) => (
          <div
            key={task.taskId}
            role="listitem"
            className={`task-row${logTask?.id && logTask.id === task.id ? ' selected' : ''}`}
            data-testid="remote-task"
            data-name={task.taskName}
            data-state={task.state}
          >
            <StateBadge state={task.state} />
            <span className="task-name">{task.taskName}</span>
            <span className="task-upstream">
              {upstream.length ? `after ${upstream.join(', ')}` : 'start'}
            </span>
            <span className="spacer" />
            <button
              className="icon-button"
              data-testid="remote-task-log"
              title="Show log"
              aria-label={`Show the log of ${task.taskName}`}
              disabled={!task.id}
              onClick={() => void showLog({ id: task.id, name: task.taskName })}
            >
              <Codicon name="output" />
            </button>
            {caps.forceSuccess && FINISHED.has(detail.state) && FORCIBLE.has(task.state) && task.id && (
              <button
                className="icon-button"
                data-testid="remote-task-force"
                title="Force success"
                aria-label={`Force ${task.taskName} to success`}
                onClick={() => void forceTaskSuccess({ id: task.id, name: task.taskName })}
              >
                <Codicon name="pass" />
              </button>
            )}
            {caps.triggerFromTask && (
              <button
                className="icon-button"
                data-testid="remote-task-rerun"
                title="Run from here (with downstream)"
                aria-label={`Run from ${task.taskName}`}
                onClick={() => setRerun(task)}
              >
                <Codicon name="debug-restart" />
              </button>
            )}
          </div>
        ))}
      </div>
      <TaskLog />
      {rerun && (
        <TriggerDialog
          title={`Run ${detail.workflowName} from ${rerun.taskName}`}
          detail="Runs this task and everything downstream of it along rerun relations (relations with rerun: false stop it); other tasks are skipped. It starts at this instance's trigger time, so it works on the same business date."
          initialTime={detail.triggerTime}
          onTrigger={(t) => void rerunFromTask(detail.workflowName, rerun, t)}
          onClose={() => setRerun(null)}
        />
      )}
    </section>
  );
}
