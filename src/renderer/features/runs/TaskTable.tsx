import type { RunTask, RunTaskSource } from '../../../shared/contract/runner';
import { formatClock, zoneLabel } from '../../ui/format-time';
import { Codicon } from '../../ui/Codicon';
import { durationOf, formatDuration } from './gantt-scale';
import { RunStateBadge } from './RunStateBadge';

export interface TaskTableProps {
  tasks: RunTask[];
  now: number;
  canRerun: boolean;
  selected?: string;
  onViewLog(task: RunTask): void;
  onRerun(task: RunTask, downstream: boolean): void;
}

function time(iso: string | undefined): string {
  return iso ? formatClock(Date.parse(iso)) : '';
}

/**
 * The result of the task's last attempt when the instance now shows something else: a rerun that
 * left the task out marks it SKIP, but what it did before stays visible.
 */
function earlierResult(t: RunTask): string | undefined {
  const last = t.attempts?.filter((a) => a.status).at(-1);
  return last?.status && last.status !== t.status && t.status === 'SKIP' ? last.status : undefined;
}

/** Every attempt of the task, one per line: `#1 SUCCESS 19:34:05`. */
function attemptsTitle(t: RunTask): string | undefined {
  if (!t.attempts?.length) return undefined;
  return [
    'Attempts:',
    ...t.attempts.map((a) => `#${a.runNum} ${a.status ?? 'running'} ${time(a.startTime)}`),
  ].join('\n');
}

/** What the attempt ran: `clean_orders V1.0.0`, `working copy of scripts/x.py`, `scripts/x.py`. */
function sourceLabel(s: RunTaskSource): { text: string; title: string; warn: boolean } {
  const sha = `sha256 ${s.sha256}`;
  if (s.kind === 'resource')
    return {
      text: `${s.resource} ${s.version}`,
      title: `${s.file} from resource ${s.resource} ${s.version}, read from git\n${sha}`,
      warn: false,
    };
  if (s.kind === 'working-copy')
    return {
      text: `${s.path} (working copy)`,
      title: `the working copy of ${s.path}, not ${s.resource} ${s.version ?? ''}\n${sha}`,
      warn: true,
    };
  return { text: s.path, title: `script ${s.path}\n${sha}`, warn: false };
}

/** The instance's nodes: state, run number, retries, times and per-row actions. */
export function TaskTable({ tasks, now, canRerun, selected, onViewLog, onRerun }: TaskTableProps) {
  return (
    <table className="run-tasks" data-testid="run-tasks">
      <thead>
        <tr>
          <th>State</th>
          <th>Task</th>
          <th>Type</th>
          <th className="num">Run</th>
          <th className="num">Retries</th>
          <th>Started ({zoneLabel()})</th>
          <th className="num">Duration</th>
          <th>File</th>
          <th>Detail</th>
          <th aria-label="Actions" />
        </tr>
      </thead>
      <tbody>
        {tasks.map((t) => (
          <tr
            key={t.name}
            data-testid="run-task"
            data-task={t.name}
            data-state={t.status}
            className={t.name === selected ? 'selected' : undefined}
          >
            <td title={attemptsTitle(t)}>
              <RunStateBadge state={t.status} />
              {earlierResult(t) && (
                <span className="run-task-earlier" data-testid="run-task-earlier">
                  was {earlierResult(t)}
                </span>
              )}
            </td>
            <td className="run-task-name">{t.name}</td>
            <td className="muted">{t.type}</td>
            <td className="num" data-testid="run-task-runnum">
              {t.runNum}
            </td>
            <td className="num">{t.recallLimit > 0 ? `${t.recallNum}/${t.recallLimit}` : '–'}</td>
            <td className="muted">{time(t.startTime)}</td>
            <td className="num">{formatDuration(durationOf(t.startTime, t.endTime, now))}</td>
            <td className="run-task-source" data-testid="run-task-source">
              {t.source &&
                (() => {
                  const l = sourceLabel(t.source);
                  return (
                    <span className={l.warn ? 'run-text-warning' : 'muted'} title={l.title}>
                      {l.text}
                    </span>
                  );
                })()}
            </td>
            <td className="run-task-reason" title={t.reason ?? t.cmd}>
              {t.reason ?? (t.exitCode !== undefined && t.exitCode !== null ? `exit ${t.exitCode}` : '')}
            </td>
            <td className="run-task-actions">
              <button
                className="icon-button"
                title="View log"
                aria-label={`View log of ${t.name}`}
                data-testid="task-view-log"
                disabled={t.runNum === 0}
                onClick={() => onViewLog(t)}
              >
                <Codicon name="output" />
              </button>
              <button
                className="icon-button"
                title="Rerun this node"
                aria-label={`Rerun ${t.name}`}
                data-testid="task-rerun"
                disabled={!canRerun}
                onClick={() => onRerun(t, false)}
              >
                <Codicon name="debug-rerun" />
              </button>
              <button
                className="icon-button"
                title="Rerun this node and its downstream"
                aria-label={`Rerun ${t.name} and downstream`}
                data-testid="task-rerun-downstream"
                disabled={!canRerun}
                onClick={() => onRerun(t, true)}
              >
                <Codicon name="run-all" />
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
