import { useState } from 'react';
import type { DebugVariable } from '../../../shared/contract';
import { Codicon } from '../../ui/Codicon';

/** One variable and, once expanded, its items (dict keys, list indices, object attributes). */
function VariableRow({ v, depth }: { v: DebugVariable; depth: number }) {
  const [open, setOpen] = useState(false);
  const expandable = (v.children?.length ?? 0) > 0;
  const toggle = () => expandable && setOpen((o) => !o);
  return (
    <>
      <div
        className="debug-var"
        role="treeitem"
        aria-level={depth + 1}
        aria-expanded={expandable ? open : undefined}
        tabIndex={0}
        data-testid="debug-variable"
        data-name={v.name}
        data-depth={depth}
        title={`${v.name}: ${v.type} = ${v.value}`}
        style={{ paddingLeft: 12 + depth * 14 }}
        onClick={toggle}
        onKeyDown={(e) => {
          if ((e.key === 'ArrowRight' && !open) || (e.key === 'ArrowLeft' && open) || e.key === 'Enter') {
            e.preventDefault();
            toggle();
          }
        }}
      >
        <span className="twistie">
          {expandable && <Codicon name={open ? 'chevron-down' : 'chevron-right'} />}
        </span>
        {v.name && <span className="name">{v.name}:</span>}
        <span className="value">{v.value}</span>
        <span className="type">{v.type}</span>
      </div>
      {open && v.children?.map((c) => <VariableRow key={c.name} v={c} depth={depth + 1} />)}
      {open && v.more ? (
        <div className="debug-state" style={{ paddingLeft: 26 + (depth + 1) * 14 }}>
          … {v.more} more
        </div>
      ) : null}
    </>
  );
}

/** Variables as an expandable tree, like VS Code's Variables view. */
export function VariableTree({ variables, label }: { variables: DebugVariable[]; label: string }) {
  return (
    <div role="tree" aria-label={label}>
      {variables.map((v) => (
        <VariableRow key={v.name} v={v} depth={0} />
      ))}
    </div>
  );
}
