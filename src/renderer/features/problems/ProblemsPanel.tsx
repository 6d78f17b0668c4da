import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { openFile, useProblems } from '../editor';
import type { Problem } from '../../../shared/contract';
import { Codicon } from '../../ui/Codicon';
import { fileIcon } from '../../ui/file-icons';
import { groupProblems } from './problem-model';
import { ProblemItem } from './ProblemItem';
import './problems.css';

/** Problems of the workspace files, grouped by file; clicking one opens the file at its line. */
export function ProblemsPanel({ filter }: { filter: string }) {
  const problems = useProblems();
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState<Problem | null>(null);
  const onSelect = useCallback((p: Problem) => setSelected(p), []);
  const groups = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const shown = f
      ? problems.filter(
          (p) =>
            p.message.toLowerCase().includes(f) ||
            p.path.toLowerCase().includes(f) ||
            p.source.toLowerCase().includes(f),
        )
      : problems;
    return groupProblems(shown);
  }, [problems, filter]);
  const visible = useMemo(
    () => groups.flatMap((g) => (collapsed.has(g.path) ? [] : g.problems)),
    [groups, collapsed],
  );
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ref.current?.querySelector('.problem-item.selected')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  // Arrow keys walk the problems, Enter/Space opens the file at the problem, as in VS Code.
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (visible.length === 0) return;
    const i = selected ? visible.indexOf(selected) : -1;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = e.key === 'ArrowDown' ? Math.min(visible.length - 1, i + 1) : Math.max(0, i - 1);
      setSelected(visible[next]);
    } else if ((e.key === 'Enter' || e.key === ' ') && selected) {
      e.preventDefault();
      openFile(selected.path, { preview: e.key === ' ', line: selected.line, column: selected.column });
    }
  };

  if (problems.length === 0) {
    return (
      <div className="problems-panel" data-testid="problems-panel">
        <div className="panel-empty">No problems have been detected in the workspace.</div>
      </div>
    );
  }

  return (
    <div
      className="problems-panel"
      data-testid="problems-panel"
      role="tree"
      aria-label="Problems"
      tabIndex={0}
      ref={ref}
      onKeyDown={onKeyDown}
    >
      {groups.length === 0 && <div className="panel-empty">No results match the filter “{filter}”.</div>}
      {groups.map((g) => {
        const name = g.path.slice(g.path.lastIndexOf('/') + 1);
        const dir = g.path.slice(0, Math.max(0, g.path.lastIndexOf('/')));
        const icon = fileIcon(name, 'file');
        const isCollapsed = collapsed.has(g.path);
        return (
          <div key={g.path} className="problem-group" data-testid="problem-group" data-path={g.path}>
            <div
              role="treeitem"
              aria-level={1}
              aria-expanded={!isCollapsed}
              className="problem-group-header"
              onClick={() =>
                setCollapsed((c) => {
                  const next = new Set(c);
                  if (next.has(g.path)) next.delete(g.path);
                  else next.add(g.path);
                  return next;
                })
              }
            >
              <Codicon name={isCollapsed ? 'chevron-right' : 'chevron-down'} />
              <Codicon name={icon.icon} className={`file-icon tone-${icon.tone}`} />
              <span className="problem-file">{name}</span>
              <span className="problem-dir">{dir}</span>
              <span
                className="count-badge"
                title={`${g.problems.length} problem${g.problems.length === 1 ? '' : 's'}`}
              >
                {g.problems.length}
              </span>
            </div>
            {!isCollapsed &&
              g.problems.map((p, i) => (
                <ProblemItem
                  key={`${p.line}:${p.column}:${i}`}
                  problem={p}
                  selected={selected === p}
                  onSelect={onSelect}
                />
              ))}
          </div>
        );
      })}
    </div>
  );
}
