import { useEffect, useState } from 'react';
import './runs.css';
import { canRerun, isTerminalState } from '../../../shared/model/run';
import { Sash } from '../../app/Sash';
import { useStore } from '../../app/store';
import { useStoredNumber } from '../../ui/use-stored-number';
import { GanttChart } from './GanttChart';
import { useWorkflowFiles, useParsedWorkflow } from './use-workflow-files';
import { LogViewer } from './LogViewer';
import { RunGraph } from './RunGraph';
import { RunHeader } from './RunHeader';
import { loadInstance, rerunInstance, runsStore } from './runs-store';
import { TaskTable } from './TaskTable';
import { useRunsEvents } from './use-runs-events';

const DEFAULT_LOG_HEIGHT = 320;
const MIN_LOG_HEIGHT = 120;

/** The editor tab of one instance: header, task table, Gantt chart and the log of a selected attempt. */
export function RunInstanceView({ instanceId }: { instanceId: string }) {
  useRunsEvents();
  const instance = useStore(runsStore, (s) => s.details[instanceId]);
  const [log, setLog] = useState<{ task: string; runNum: number } | null>(null);
  const [now, setNow] = useState(() => Date.now());
  // The log's height, dragged on the border above it (double click: back to the default).
  const [logHeight, setLogHeight] = useStoredNumber(
    'bdp.runs.logHeight',
    DEFAULT_LOG_HEIGHT,
    MIN_LOG_HEIGHT,
    2000,
  );
  const live = !!instance && !instance.endTime;
  const workflowPath = useWorkflowFiles().find((w) => w.name === instance?.workflow)?.path;
  const workflow = useParsedWorkflow(workflowPath);
  useEffect(() => {
    void loadInstance(instanceId);
  }, [instanceId]);
  useEffect(() => {
    if (!live) return;
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, [live]);

  if (!instance) return <div className="run-view run-view-loading">Loading {instanceId}…</div>;
  const logTask = log ? instance.tasks.find((t) => t.name === log.task) : undefined;
  const logRunning =
    !!logTask &&
    logTask.runNum === log?.runNum &&
    !isTerminalState(logTask.status) &&
    logTask.status !== 'WAIT';
  const rerunnable = canRerun(instance.status) && !!instance.endTime;

  return (
    <div
      className={`run-view${log ? ' with-log' : ''}`}
      data-testid="run-view"
      data-instance={instanceId}
      data-state={instance.status}
    >
      <RunHeader instance={instance} now={now} />
      <div className="run-view-scroll">
        {workflow && (
          <>
            <h3 className="run-section-title">Graph</h3>
            <RunGraph
              workflow={workflow}
              tasks={instance.tasks}
              onSelect={(name) => {
                const t = instance.tasks.find((x) => x.name === name);
                if (t && t.runNum > 0) setLog({ task: t.name, runNum: t.runNum });
              }}
            />
          </>
        )}
        <h3 className="run-section-title">Tasks</h3>
        <TaskTable
          tasks={instance.tasks}
          now={now}
          canRerun={rerunnable}
          selected={log?.task}
          onViewLog={(t) => setLog({ task: t.name, runNum: t.runNum })}
          onRerun={(t, downstream) => void rerunInstance(instanceId, t.name, downstream)}
        />
        <h3 className="run-section-title">Timeline</h3>
        <GanttChart
          tasks={instance.tasks}
          start={instance.startTime}
          now={now}
          onSelect={(task, runNum) => setLog({ task, runNum })}
        />
      </div>
      {log && (
        <>
          <Sash
            orientation="horizontal"
            className="run-log-sash"
            size={logHeight}
            direction={-1}
            min={MIN_LOG_HEIGHT}
            max={Math.max(MIN_LOG_HEIGHT, window.innerHeight - 260)}
            onResize={setLogHeight}
            onReset={() => setLogHeight(DEFAULT_LOG_HEIGHT)}
          />
          <div className="run-log-pane" style={{ height: logHeight }} data-testid="run-log-pane">
            <LogViewer
              key={`${log.task}.${log.runNum}`}
              instanceId={instanceId}
              task={log.task}
              runNum={log.runNum}
              running={logRunning}
              onClose={() => setLog(null)}
            />
          </div>
        </>
      )}
    </div>
  );
}
