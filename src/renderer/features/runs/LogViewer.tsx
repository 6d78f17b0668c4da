import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Codicon } from '../../ui/Codicon';
import { scrollRowIntoView, useVirtualRows } from '../../ui/use-virtual-rows';
import { isAtBottom } from './log-buffer';
import { LogLine } from './LogLine';
import { useLog } from './use-log';

const ROW = 18;

export interface LogViewerProps {
  instanceId: string;
  task: string;
  runNum: number;
  running: boolean;
  onClose(): void;
}

/** A virtualised log: only visible rows are in the DOM; search, download, and follow while the task runs. */
export function LogViewer({ instanceId, task, runNum, running, onClose }: LogViewerProps) {
  const log = useLog(instanceId, task, runNum, running);
  const body = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const [query, setQuery] = useState('');
  const [hitIndex, setHitIndex] = useState(0);
  const count = log.buffer.lineCount;
  const range = useVirtualRows(body, count, ROW);
  // The search runs once typing pauses: on a 100 MB log one pass takes a few hundred ms.
  const [searched, setSearched] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setSearched(query), query.length >= 2 ? 150 : 0);
    return () => clearTimeout(t);
  }, [query]);
  // The buffer is mutated in place as lines arrive; `log.version` is what says it changed.
  const hits = useMemo(
    () => (searched.length >= 2 ? log.buffer.search(searched) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [searched, log.buffer, log.version],
  );
  const hitSet = useMemo(() => new Set(hits), [hits]);
  const currentHit = hits.length ? hits[Math.min(hitIndex, hits.length - 1)] : -1;

  useLayoutEffect(() => {
    const el = body.current;
    if (el && follow) el.scrollTop = el.scrollHeight;
  }, [log.version, follow]);

  useEffect(() => {
    const el = body.current;
    if (el && currentHit >= 0) {
      setFollow(false);
      scrollRowIntoView(el, currentHit, ROW, true);
    }
  }, [currentHit]);

  const step = (d: number) =>
    hits.length && setHitIndex((i) => (Math.min(i, hits.length - 1) + d + hits.length) % hits.length);

  const download = () => {
    const blob = new Blob([log.buffer.plainText()], { type: 'text/plain' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${instanceId}.${task}.${runNum}.log`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };

  const rows = [];
  for (let i = range.start; i < range.end; i++) {
    rows.push(
      <LogLine
        key={i}
        text={log.buffer.line(i)}
        number={log.tailOnly === undefined ? i + 1 : undefined}
        top={i * ROW}
        hit={hitSet.has(i)}
        current={i === currentHit}
      />,
    );
  }

  return (
    <section
      className="log-viewer"
      aria-label={`Log of ${task}`}
      data-testid="log-viewer"
      data-task={task}
      data-run={runNum}
    >
      <div className="log-toolbar">
        <Codicon name="output" />
        <span className="log-title">
          {task} <span className="log-run">run {runNum}</span>
        </span>
        {running && (
          <span className="log-live" data-testid="log-live">
            live
          </span>
        )}
        <span className="log-size" data-testid="log-size">
          {log.tailOnly === undefined
            ? `${count.toLocaleString()} lines`
            : `showing the end · loading ${Math.floor(log.tailOnly * 100)}%`}
        </span>
        <div className="log-search">
          <input
            className="input"
            placeholder="Search log"
            aria-label="Search log"
            data-testid="log-search"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setHitIndex(0);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') step(e.shiftKey ? -1 : 1);
            }}
          />
          <span className="log-hits" data-testid="log-hits">
            {query.length >= 2 && searched === query
              ? hits.length
                ? `${Math.min(hitIndex, hits.length - 1) + 1} of ${hits.length}`
                : 'No results'
              : ''}
          </span>
          <button
            className="icon-button"
            title="Previous match (Shift+Enter)"
            aria-label="Previous match"
            disabled={!hits.length}
            onClick={() => step(-1)}
          >
            <Codicon name="arrow-up" />
          </button>
          <button
            className="icon-button"
            title="Next match (Enter)"
            aria-label="Next match"
            disabled={!hits.length}
            onClick={() => step(1)}
          >
            <Codicon name="arrow-down" />
          </button>
        </div>
        <button
          className={`icon-button${follow ? ' toggled' : ''}`}
          title="Follow the end of the log"
          aria-label="Follow"
          aria-pressed={follow}
          data-testid="log-follow"
          onClick={() => setFollow((f) => !f)}
        >
          <Codicon name="fold-down" />
        </button>
        <button
          className="icon-button"
          title="Download"
          aria-label="Download log"
          data-testid="log-download"
          onClick={download}
        >
          <Codicon name="cloud-download" />
        </button>
        <button
          className="icon-button"
          title="Close log"
          aria-label="Close log"
          data-testid="log-close"
          onClick={onClose}
        >
          <Codicon name="close" />
        </button>
      </div>
      <div
        ref={body}
        className="log-body"
        tabIndex={0}
        data-testid="log-body"
        onScroll={(e) => {
          const el = e.currentTarget;
          const bottom = isAtBottom(el.scrollTop, el.clientHeight, el.scrollHeight);
          if (bottom !== follow) setFollow(bottom);
        }}
      >
        <div className="log-spacer" style={{ height: count * ROW }}>
          {rows}
        </div>
        {!log.loading && !log.exists && (
          <div className="log-empty">{running ? 'Waiting for output…' : 'This attempt wrote no log.'}</div>
        )}
      </div>
    </section>
  );
}
