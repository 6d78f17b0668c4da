import { useEffect, useRef, useState } from 'react';
import type { RunTask } from '../../../shared/contract/runner';
import { formatDuration, ganttBars, timeScale } from './gantt-scale';

const ROW = 26;
const LABEL = 180;
const AXIS = 24;

/** Task attempts on a time axis: one row per task, one bar per attempt, coloured by state. */
export function GanttChart({
  tasks,
  start,
  now,
  onSelect,
}: {
  tasks: RunTask[];
  start?: string;
  now: number;
  onSelect?(task: string, runNum: number): void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver !== 'function') return;
    const o = new ResizeObserver(() => setWidth(el.clientWidth));
    o.observe(el);
    setWidth(el.clientWidth);
    return () => o.disconnect();
  }, []);
  const bars = ganttBars(tasks, now);
  const t0 = Math.min(start ? Date.parse(start) : Infinity, ...bars.map((b) => b.start));
  const t1 = Math.max(...bars.map((b) => b.end), t0);
  const plot = Math.max(100, width - LABEL - 16);
  const scale = timeScale(Number.isFinite(t0) ? t0 : now, Number.isFinite(t1) ? t1 : now, plot);
  const height = AXIS + tasks.length * ROW + 4;
  return (
    <div className="gantt" ref={ref} data-testid="gantt">
      {bars.length === 0 ? (
        <div className="gantt-empty">No task has started yet.</div>
      ) : (
        <svg width={width} height={height} role="img" aria-label="Gantt chart of task attempts">
          {tasks.map((t, i) => (
            <g key={t.name} transform={`translate(0 ${AXIS + i * ROW})`}>
              {i % 2 === 1 && <rect className="gantt-stripe" x={0} y={0} width={width} height={ROW} />}
              <text className="gantt-label" x={12} y={ROW / 2} dominantBaseline="central">
                {t.name}
              </text>
            </g>
          ))}
          <g transform={`translate(${LABEL} 0)`}>
            {scale.ticks.map((tk) => (
              <g key={tk.t} transform={`translate(${tk.x} 0)`}>
                <line className="gantt-grid" y1={AXIS - 4} y2={height} />
                <text className="gantt-tick" y={AXIS - 9} textAnchor={tk.x === 0 ? 'start' : 'middle'}>
                  {tk.label}
                </text>
              </g>
            ))}
            {bars.map((b) => {
              const x = scale.x(b.start);
              const w = Math.max(3, scale.x(b.end) - x);
              return (
                <rect
                  key={`${b.task}.${b.runNum}`}
                  className={`gantt-bar run-fill-${b.state}${b.running ? ' gantt-running' : ''}`}
                  data-testid="gantt-bar"
                  data-task={b.task}
                  data-state={b.state}
                  x={x}
                  y={AXIS + b.row * ROW + 5}
                  width={w}
                  height={ROW - 10}
                  rx={3}
                  onClick={() => onSelect?.(b.task, b.runNum)}
                >
                  <title>{`${b.task} run ${b.runNum}: ${b.state}, ${formatDuration(b.end - b.start)}`}</title>
                </rect>
              );
            })}
          </g>
        </svg>
      )}
    </div>
  );
}
