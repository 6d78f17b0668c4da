import { useState } from 'react';
import { Codicon } from '../ui/Codicon';
import { ProblemsPanel, countProblems } from '../features/problems';
import { isScriptPanel, SCRIPT_PANELS, ScriptPanelBadge, ScriptRunPanel } from '../features/script-run';
import { layoutStore, patchLayout } from './layout-store';
import { useStore } from './store';
import { useProblems } from '../features/editor';

export function BottomPanel() {
  const active = useStore(layoutStore, (s) => s.activePanel);
  const problems = useProblems();
  const [filter, setFilter] = useState('');
  const total = countProblems(problems);
  const count = total.errors + total.warnings + total.infos;
  return (
    <section className="panel" aria-label="Panel">
      <div className="panel-header">
        <div className="panel-tabs" role="tablist">
          <button
            role="tab"
            aria-selected={active === 'problems'}
            className={`panel-tab${active === 'problems' ? ' active' : ''}`}
            data-testid="panel-tab-problems"
            onClick={() => patchLayout({ activePanel: 'problems' })}
          >
            Problems
            {count > 0 && <span className="count-badge">{count}</span>}
          </button>
          {SCRIPT_PANELS.map((p) => (
            <button
              key={p.id}
              role="tab"
              aria-selected={active === p.id}
              className={`panel-tab${active === p.id ? ' active' : ''}`}
              data-testid={`panel-tab-${p.id}`}
              onClick={() => patchLayout({ activePanel: p.id })}
            >
              {p.title}
              <ScriptPanelBadge id={p.id} />
            </button>
          ))}
        </div>
        <div className="panel-actions">
          {active === 'problems' && (
            <div className="panel-filter">
              <input
                className="input"
                placeholder="Filter (e.g. cycle, workflows/retail)"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                aria-label="Filter problems"
                spellCheck={false}
              />
              <Codicon name="filter" />
            </div>
          )}
          <button
            className="icon-button"
            title="Close Panel (Ctrl+J)"
            aria-label="Close Panel"
            onClick={() => patchLayout({ panelVisible: false })}
          >
            <Codicon name="close" />
          </button>
        </div>
      </div>
      <div className="panel-body">
        {active === 'problems' && <ProblemsPanel filter={filter} />}
        {isScriptPanel(active) && <ScriptRunPanel id={active} />}
      </div>
    </section>
  );
}
