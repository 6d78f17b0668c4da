import { useMemo } from 'react';
import {
  cronError,
  cronForCycle,
  describeCron,
  fireTimesWithDates,
  skippedByDst,
  type CycleTime,
} from '../../../../shared/cron';
import { CYCLES, type Cycle, type Workflow } from '../../../../shared/model/workflow';
import { hostZone, instantOfWallText } from '../../../../shared/time/zone';
import { useStore } from '../../../app/store';
import { workspaceStore } from '../../workspace';
import { Codicon } from '../../../ui/Codicon';
import type { FieldSet } from '../model/field-edit';
import { formatParameters, parseParameters } from '../model/parameters';
import { PropField, PropSection, PropSelect } from './PropField';
import { reasonOf, splitList, type Edit } from './task-edit';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** The time-picker values a 7-field cron holds (fields that are not plain numbers fall back to defaults). */
export function cycleTimeOf(cron: string): CycleTime {
  const f = cron.trim().split(/\s+/);
  const num = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined);
  return { minute: num(f[1]), hour: num(f[2]), dayOfMonth: num(f[3]), dayOfWeek: num(f[5]) };
}

const CYCLE_LABEL: Record<string, string> = { M: 'Month', W: 'Week', D: 'Day', H: 'Hour', mi: 'Minute' };

/** Now, read when the preview is computed (it is recomputed when the cron, date or zone change). */
const currentTime = (): number => Date.now();

/**
 * The next fire times from now, or from the effective date when that is later, in the workspace's
 * time zone (bdp.yaml `timezone`), as Quartz fires them there; a wall time that a DST change
 * swallows is listed as skipped.
 */
function FireTimes({ cron, effectiveDate }: { cron: string; effectiveDate: string }) {
  const zone = useStore(workspaceStore, (s) => s.workspace?.timezone) ?? hostZone();
  const { times, skipped } = useMemo(() => {
    if (cronError(cron)) return { times: [], skipped: [] };
    const start = instantOfWallText(`${effectiveDate} 00:00:00`, zone) ?? 0;
    const times = fireTimesWithDates(cron, Math.max(currentTime(), start) - 1000, 5, zone);
    const last = times.at(-1);
    const skipped = times.length && last ? skippedByDst(cron, times[0].wall, last.wall, zone) : [];
    return { times, skipped };
  }, [cron, effectiveDate, zone]);
  return (
    <div className="prop-cron">
      <div className="prop-cron-text">{describeCron(cron)}</div>
      {times.length > 0 && (
        <table className="prop-fire-times" aria-label="Next fire times">
          <thead>
            <tr>
              <th>Next fire</th>
              <th>Business date</th>
            </tr>
          </thead>
          <tbody>
            {times.map((t) => (
              <tr key={t.instant}>
                <td>{t.wall}</td>
                <td className="prop-business-date">{t.businessDate}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="prop-hint" data-testid="prop-fire-zone">
        Times in {zone}
      </div>
      {skipped.map((w) => (
        <div key={w} className="prop-warning" data-testid="prop-dst-skipped">
          {w} does not exist in {zone} (DST change): it does not fire that day
        </div>
      ))}
    </div>
  );
}

export function WorkflowProperties({ workflow, edit }: { workflow: Workflow; edit: Edit }) {
  const s = workflow.schedule;
  const set = (...sets: FieldSet[]) => reasonOf(edit((d) => d.setWorkflowFields(sets)));
  const time = s.type === 'periodic' ? cycleTimeOf(s.cron) : {};
  const setTime = (patch: CycleTime) =>
    s.type === 'periodic' ? set([['schedule', 'cron'], cronForCycle(s.cycle, { ...time, ...patch })]) : null;
  return (
    <>
      <div className="prop-heading">
        <Codicon name="type-hierarchy-sub" />
        <span className="prop-heading-name">{workflow.name}</span>
        <span className="prop-heading-kind">Workflow</span>
      </div>
      <PropSection title="General">
        <PropField
          label="Description"
          value={workflow.description ?? ''}
          multiline
          testId="prop-wf-description"
          onCommit={(v) => reasonOf(edit((d) => d.updateWorkflow({ description: v })))}
        />
        <PropField
          label="Owners (comma separated)"
          value={workflow.owners.join(', ')}
          testId="prop-wf-owners"
          onCommit={(v) => set([['owners'], splitList(v).length ? splitList(v) : null])}
        />
        <PropSelect
          label="Alert mode"
          value={workflow.alertMode}
          testId="prop-wf-alert"
          options={[
            { value: 'none', label: 'None' },
            { value: 'email', label: 'Email' },
            { value: 'sms', label: 'SMS' },
            { value: 'email+sms', label: 'Email and SMS' },
          ]}
          onCommit={(v) => set([['alertMode'], v])}
        />
      </PropSection>
      <PropSection title="Scheduling Config">
        <div className="prop-readonly" title="Cannot switch between manual and periodic after creation">
          <span>Scheduling type</span>
          <code>{s.type === 'periodic' ? 'Periodic' : 'Manual'}</code>
        </div>
        <div className="prop-hint">
          Cannot switch between manual and periodic after creation
          {s.type === 'manual' ? '; a manual workflow runs only when triggered.' : '.'}
        </div>
        {s.type === 'periodic' && (
          <>
            <PropSelect
              label="Scheduling cycle"
              value={s.cycle}
              testId="prop-cycle"
              options={CYCLES.map((c) => ({ value: c, label: `${CYCLE_LABEL[c]} (${c})` }))}
              onCommit={(c) =>
                set([['schedule', 'cycle'], c], [['schedule', 'cron'], cronForCycle(c as Cycle, time)])
              }
            />
            <div className="prop-grid">
              {s.cycle === 'W' && (
                <PropSelect
                  label="Day of week"
                  value={String(time.dayOfWeek ?? 2)}
                  testId="prop-cycle-dow"
                  options={DAYS.map((d, i) => ({ value: String(i + 1), label: d }))}
                  onCommit={(v) => setTime({ dayOfWeek: Number(v) })}
                />
              )}
              {s.cycle === 'M' && (
                <PropSelect
                  label="Day of month"
                  value={String(time.dayOfMonth ?? 1)}
                  testId="prop-cycle-dom"
                  options={Array.from({ length: 31 }, (_, i) => String(i + 1))}
                  onCommit={(v) => setTime({ dayOfMonth: Number(v) })}
                />
              )}
              {(s.cycle === 'D' || s.cycle === 'W' || s.cycle === 'M') && (
                <PropField
                  key={s.cron}
                  label="Time"
                  type="time"
                  value={`${p2(time.hour ?? 0)}:${p2(time.minute ?? 0)}`}
                  testId="prop-cycle-time"
                  onCommit={(v) => {
                    const m = /^(\d{2}):(\d{2})/.exec(v);
                    return m ? setTime({ hour: Number(m[1]), minute: Number(m[2]) }) : 'Pick a time';
                  }}
                />
              )}
              {s.cycle === 'H' && (
                <PropSelect
                  label="Minute of the hour"
                  value={String(time.minute ?? 0)}
                  testId="prop-cycle-minute"
                  options={Array.from({ length: 60 }, (_, i) => ({ value: String(i), label: `:${p2(i)}` }))}
                  onCommit={(v) => setTime({ minute: Number(v) })}
                />
              )}
            </div>
            <PropField
              key={`cron:${s.cron}`}
              label="Cron (7-field Quartz)"
              value={s.cron}
              mono
              testId="prop-cron"
              onCommit={(v) => {
                const err = cronError(v.trim());
                if (err) return `Invalid cron: ${err}`;
                return set([['schedule', 'cron'], v.trim()]);
              }}
              hint={<FireTimes cron={s.cron} effectiveDate={s.effectiveDate} />}
            />
            <PropField
              label="Effective date"
              type="date"
              value={s.effectiveDate}
              testId="prop-effective-date"
              onCommit={(v) =>
                /^\d{4}-\d{2}-\d{2}$/.test(v.trim())
                  ? set([['schedule', 'effectiveDate'], v.trim()])
                  : 'Write the date as YYYY-MM-DD'
              }
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
          testId="prop-wf-parameters"
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
