import { memo } from 'react';
import type { Problem } from '../../../shared/contract';
import { Codicon } from '../../ui/Codicon';
import { openFile } from '../editor';

export const ProblemItem = memo(function ProblemItem({
  problem,
  selected,
  onSelect,
}: {
  problem: Problem;
  selected: boolean;
  onSelect(p: Problem): void;
}) {
  const open = (preview: boolean) => {
    onSelect(problem);
    openFile(problem.path, { preview, line: problem.line, column: problem.column });
  };
  return (
    <div
      role="treeitem"
      aria-level={2}
      aria-selected={selected}
      tabIndex={-1}
      className={`problem-item${selected ? ' selected' : ''}`}
      data-testid="problem-item"
      data-path={problem.path}
      data-line={problem.line}
      data-severity={problem.severity}
      title={problem.message}
      onClick={() => open(true)}
      onDoubleClick={() => open(false)}
    >
      <Codicon
        name={problem.severity === 'info' ? 'info' : problem.severity}
        className={`sev-${problem.severity}`}
      />
      <span className="problem-message">{problem.message}</span>
      <span className="problem-source">[{problem.source}]</span>
      <span className="problem-position">
        Ln {problem.line}, Col {problem.column}
      </span>
    </div>
  );
});
