import { useMemo } from 'react';
import { describeCron, cronError, nextFireTimes } from '../../../../shared/cron';
import { CYCLES, type Workflow } from '../../../../shared/model/workflow';
import { Codicon } from '../../components/Codicon';
import type { OpResult, WorkflowDocument } from './model/workflow-document';
import { formatParameters, parseParameters } from './model/parameters';
import { PropField, PropSection } from './PropField';

type Edit = (op: (doc: WorkflowDocument) => OpResult) => OpResult;
const reasonOf = (r: OpResult): string | null => (r.ok ? null : r.reason);

const CYCLE_LABEL: Record<string, string> = { M: 'Month', W: 'Week', D: 'Day', H: 'Hour', mi: 'Minute' };

function nowWallClock(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function FireTimes({ cron }: { cron: string }) {
  const times = useMemo(() => {
    if (cronError(cron)) return [];
    try {
      return nextFireTimes(cron, nowWallClock(), 5);
    } catch {
      return [];
    }
  }, [cron]);
  return (
    <div className="prop-cron">
      <div className="prop-cron-text">{describeCron(cron)}</div>
      {times.length > 0 && (
        <ol className="prop-fire-times" aria-label="Next fire times">
          {times.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ol>
      )}
    </div>
  );
}

export function WorkflowProperties({ workflow, edit }: { workflow: Workflow; edit: Edit }) {
  const s = workflow.schedule;
  return (
    <>
      <div className="prop-heading">
        <Codicon name="type-hierarchy-sub" />
        <span className="prop-heading-name">{workflow.name}</span>
        <span className="prop-heading-kind">Workflow</span>
      </div>
      <PropSection title="General">
        <PropField label="Description" value={workflow.description ?? ''} multiline onCommit={(v) => reasonOf(edit((d) => d.updateWorkflow({ description: v })))} />
        <div className="prop-readonly">
          <span>Owners</span>
          <code>{workflow.owners.join(', ') || '—'}</code>
        </div>
      </PropSection>
      <PropSection title="Scheduling Config">
        <div className="prop-readonly" title="Cannot switch between manual and periodic after creation">
          <span>Scheduling type</span>
          <code>{s.type === 'periodic' ? 'Periodic' : 'Manual'}</code>
        </div>
        <div className="prop-hint">Cannot switch between manual and periodic after creation.</div>
        {s.type === 'periodic' && (
          <>
            <div className="prop-field">
              <label htmlFor="wf-cycle">Scheduling cycle</label>
              <select id="wf-cycle" className="prop-input" value={s.cycle} onChange={(e) => edit((d) => d.updateWorkflow({ cycle: e.target.value }))}>
                {CYCLES.map((c) => (
                  <option key={c} value={c}>
                    {CYCLE_LABEL[c]} ({c})
                  </option>
                ))}
              </select>
            </div>
            <PropField
              label="Cron (7-field Quartz)"
              value={s.cron}
              mono
              testId="prop-cron"
              onCommit={(v) => {
                const err = cronError(v.trim());
                if (err) return `Invalid cron: ${err}`;
                return reasonOf(edit((d) => d.updateWorkflow({ cron: v.trim() })));
              }}
              hint={<FireTimes cron={s.cron} />}
            />
            <PropField
              label="Effective date"
              value={s.effectiveDate}
              mono
              placeholder="YYYY-MM-DD"
              onCommit={(v) => (/^\d{4}-\d{2}-\d{2}$/.test(v.trim()) ? reasonOf(edit((d) => d.updateWorkflow({ effectiveDate: v.trim() }))) : 'Write the date as YYYY-MM-DD')}
            />
          </>
        )}
      </PropSection>
      <PropSection title="Parameter Config">
        <PropField
          label="Workflow parameters (key=value per line)"
          value={formatParameters(workflow.parameters)}
          multiline
          mono
          onCommit={(v) => {
            const parsed = parseParameters(v);
            if (!parsed.ok) return parsed.reason;
            return reasonOf(edit((d) => d.updateWorkflow({ parameters: parsed.params })));
          }}
        />
      </PropSection>
    </>
  );
}
