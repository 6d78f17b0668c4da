import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { Problem } from '../../../shared/contract';
import { useStore } from '../../app/store';
import { scrollRowIntoView, useVirtualRows } from '../../ui/use-virtual-rows';
import { editorStore, setCursor } from './editor-store';
import { contentStore, ensureContent } from './file-content-store';
import { TextViewMessage } from './TextViewMessage';
import { languageOf, tokenizeLine, type Language } from './tokenize';
import { useProblems } from './unsaved-problems';
import './text-view.css';

export const LINE_HEIGHT = 19;

/** Where each file was scrolled to and where its cursor was, so switching tabs comes back to the same place. */
const viewStates = new Map<string, { scrollTop: number; line: number; column: number }>();
/** The last reveal request each file has honoured, so coming back to a tab does not jump again. */
let handledReveal = 0;

/** A read-only text view: line numbers, current line, problem underlines, `revealLine` from Problems. */
export function TextView({ path }: { path: string }) {
  const entry = useStore(contentStore, (s) => s[path]);
  useEffect(() => ensureContent(path), [path]);

  if (!entry || entry.status === 'loading')
    return <div className="text-view-loading" data-testid="text-view-loading" />;
  if (entry.status === 'error')
    return (
      <TextViewMessage
        icon="error"
        title={entry.code === 'NOT_FOUND' ? 'The file is not available' : 'The file could not be read'}
        detail={entry.message}
        path={path}
      />
    );
  if (entry.content.encoding === 'binary')
    return (
      <TextViewMessage
        icon="file-binary"
        title="The file is not displayed because it is binary or uses an unsupported text encoding."
        detail={`${formatSize(entry.content.size)}`}
        path={path}
      />
    );
  return (
    <Lines
      key={path}
      path={path}
      lines={entry.lines}
      truncated={entry.content.truncated}
      size={entry.content.size}
    />
  );
}

function Lines({
  path,
  lines,
  truncated,
  size,
}: {
  path: string;
  lines: string[];
  truncated: boolean;
  size: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const saved = viewStates.get(path);
  const [cursor, setLocalCursor] = useState({ line: saved?.line ?? 1, column: saved?.column ?? 1 });
  const [flash, setFlash] = useState<{ line: number; seq: number } | null>(null);
  const reveal = useStore(editorStore, (s) => (s.reveal?.path === path ? s.reveal : null));
  const problems = useProblems();
  const { start, end } = useVirtualRows(ref, lines.length, LINE_HEIGHT);
  const gutterChars = Math.max(3, String(lines.length).length);
  const language = languageOf(path);
  const widest = useMemo(() => lines.reduce((m, l) => Math.max(m, l.length), 0), [lines]);
  const lineProblems = useMemo(() => {
    const m = new Map<number, Problem[]>();
    for (const p of problems) if (p.path === path) m.set(p.line, [...(m.get(p.line) ?? []), p]);
    return m;
  }, [problems, path]);

  // Restore the scroll position of this file.
  useEffect(() => {
    if (ref.current && saved) ref.current.scrollTop = saved.scrollTop;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The file got shorter on disk: keep the cursor inside it.
  const line = Math.min(cursor.line, lines.length);

  useEffect(() => {
    setCursor({ path, line, column: cursor.column });
    viewStates.set(path, { scrollTop: ref.current?.scrollTop ?? 0, line, column: cursor.column });
  }, [path, line, cursor.column]);

  useEffect(() => () => setCursor(null), []);

  // revealLine(line, column): from Problems, quick open `:line`, or anything else that opens a file at a line.
  useEffect(() => {
    if (!reveal || !ref.current || reveal.seq <= handledReveal) return;
    handledReveal = reveal.seq;
    const target = Math.max(1, Math.min(reveal.line, lines.length));
    setLocalCursor({ line: target, column: Math.max(1, reveal.column) });
    scrollRowIntoView(ref.current, target - 1, LINE_HEIGHT, true);
    setFlash({ line: target, seq: reveal.seq });
    if (!reveal.preserveFocus) ref.current.focus({ preventScroll: true });
    // Only a new request reveals; later edits to `lines` do not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reveal?.seq]);

  const moveTo = (next: number, column = 1) => {
    const target = Math.max(1, Math.min(lines.length, next));
    setLocalCursor({ line: target, column });
    if (ref.current) scrollRowIntoView(ref.current, target - 1, LINE_HEIGHT);
  };

  const page = Math.max(1, Math.floor((ref.current?.clientHeight ?? 400) / LINE_HEIGHT) - 1);

  return (
    <div className="text-view-wrap">
      {truncated && (
        <div className="text-view-banner" role="note">
          This file is too large to show in full ({formatSize(size)}); the first part is shown, read-only.
        </div>
      )}
      <div
        ref={ref}
        className="text-view"
        data-testid="text-view"
        data-path={path}
        tabIndex={0}
        role="textbox"
        aria-readonly="true"
        aria-multiline="true"
        aria-label={`${path} (read-only)`}
        style={{ ['--gutter-ch' as string]: gutterChars }}
        onScroll={(e) => {
          const s = viewStates.get(path);
          if (s) s.scrollTop = e.currentTarget.scrollTop;
        }}
        onMouseUp={(e) => {
          const row = (e.target as HTMLElement).closest<HTMLElement>('[data-line]');
          if (!row) return;
          const n = Number(row.dataset.line);
          setLocalCursor({ line: n, column: columnFromSelection(row) });
        }}
        onKeyDown={(e) => {
          const mod = e.ctrlKey || e.metaKey;
          switch (e.key) {
            case 'ArrowDown':
              e.preventDefault();
              return moveTo(line + 1, cursor.column);
            case 'ArrowUp':
              e.preventDefault();
              return moveTo(line - 1, cursor.column);
            case 'PageDown':
              e.preventDefault();
              return moveTo(line + page, cursor.column);
            case 'PageUp':
              e.preventDefault();
              return moveTo(line - page, cursor.column);
            case 'Home':
              e.preventDefault();
              return mod ? moveTo(1) : moveTo(line, 1);
            case 'End':
              e.preventDefault();
              return mod ? moveTo(lines.length) : moveTo(line, (lines[line - 1]?.length ?? 0) + 1);
            case 'ArrowRight':
              e.preventDefault();
              return moveTo(line, Math.min((lines[line - 1]?.length ?? 0) + 1, cursor.column + 1));
            case 'ArrowLeft':
              e.preventDefault();
              return moveTo(line, Math.max(1, cursor.column - 1));
          }
        }}
      >
        <div
          className="text-view-content"
          style={{
            height: lines.length * LINE_HEIGHT,
            minWidth: `calc(${gutterChars + 4}ch + ${widest + 2}ch)`,
          }}
        >
          {lines.slice(start, end).map((text, k) => {
            const n = start + k + 1;
            return (
              <Line
                key={n}
                n={n}
                text={text}
                current={n === line}
                flash={flash?.line === n ? flash.seq : 0}
                problems={lineProblems.get(n)}
                language={language}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface LineProps {
  n: number;
  text: string;
  current: boolean;
  flash: number;
  problems?: Problem[];
  language: Language;
}

const Line = memo(function Line({ n, text, current, flash, problems, language }: LineProps) {
  const severity = problems?.some((p) => p.severity === 'error')
    ? 'error'
    : problems?.length
      ? 'warning'
      : null;
  return (
    <div
      className={`tv-line${current ? ' current' : ''}${severity ? ' has-' + severity : ''}`}
      data-testid="text-view-line"
      data-line={n}
      data-current={current || undefined}
      data-revealed={flash ? 'true' : undefined}
      style={{ top: (n - 1) * LINE_HEIGHT }}
      title={problems?.map((p) => `${p.message} [${p.source}]`).join('\n')}
    >
      <span className="tv-gutter">{n}</span>
      {/* A new key restarts the highlight animation on every reveal. */}
      {flash ? <span key={flash} className="tv-flash" /> : null}
      <span className="tv-code">
        {text
          ? tokenizeLine(text, language).map((t, i) =>
              t.kind === 'plain' ? (
                t.text
              ) : (
                <span key={i} className={`tk-${t.kind}`}>
                  {t.text}
                </span>
              ),
            )
          : '\u200b'}
      </span>
    </div>
  );
});

/** 1-based column of the caret inside a line's code span, from the DOM selection. */
function columnFromSelection(row: HTMLElement): number {
  const sel = window.getSelection();
  const code = row.querySelector('.tv-code');
  if (!sel || !sel.focusNode || !code || !code.contains(sel.focusNode)) return 1;
  const range = document.createRange();
  range.setStart(code, 0);
  range.setEnd(sel.focusNode, sel.focusOffset);
  return range.toString().replace(/\u200b/g, '').length + 1;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
