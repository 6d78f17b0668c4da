import type { ExternalAppTask } from '../../../../shared/model';
import { parseNumberField, PropCheck, PropField, PropSection, PropSelect } from './PropField';
import { formatHeaders, parseHeaders, type SetFields } from './task-edit';

/**
 * EXTERNAL_APP as the runner executes it (docs/decisions.md "External APP"): one request to
 * domain + command, a success rule on the status and optionally a JSON path, optional polling.
 */
export function ExternalAppProperties({ task, set }: { task: ExternalAppTask; set: SetFields }) {
  const { app } = task;
  const success = app.success ?? {};
  const int = (
    label: string,
    path: string[],
    value: number | undefined,
    rule: { min: number; max?: number },
    hint?: string,
    testId?: string,
  ) => (
    <PropField
      label={label}
      type="number"
      value={value === undefined ? '' : String(value)}
      hint={hint}
      testId={testId}
      onCommit={(v) => {
        const n = parseNumberField(v, label, { ...rule, integer: true });
        return 'reason' in n ? n.reason : set([path, n.value]);
      }}
    />
  );
  return (
    <>
      <PropSection title="Request">
        <PropField
          label="Application domain"
          value={app.domain}
          mono
          testId="prop-app-domain"
          placeholder="http://127.0.0.1:8765"
          onCommit={(v) => set([['app', 'domain'], v.trim()]) ?? null}
        />
        <div className="prop-grid prop-grid-method">
          <PropSelect
            label="Method"
            value={app.method}
            testId="prop-app-method"
            options={['GET', 'POST', 'PUT']}
            onCommit={(v) => set([['app', 'method'], v])}
          />
          <PropField
            label="Command (path)"
            value={app.command}
            mono
            testId="prop-app-command"
            placeholder="/api/run"
            onCommit={(v) => set([['app', 'command'], v.trim() || null])}
          />
        </div>
        <PropField
          label="Headers (Name: value per line)"
          value={formatHeaders(app.headers)}
          multiline
          mono
          testId="prop-app-headers"
          hint="Secret-looking headers are masked in the log, not in the request."
          onCommit={(v) => {
            const parsed = parseHeaders(v);
            if (!parsed.ok) return parsed.reason;
            return set([['app', 'headers'], Object.keys(parsed.headers).length ? parsed.headers : null]);
          }}
        />
        <PropField
          label="Body"
          value={app.body ?? ''}
          multiline
          mono
          testId="prop-app-body"
          hint="Sent as is after ${...} substitution."
          onCommit={(v) => set([['app', 'body'], v.trim() ? v : null])}
        />
      </PropSection>
      <PropSection title="Success Rule">
        {int(
          'HTTP status',
          ['app', 'success', 'status'],
          success.status,
          { min: 100, max: 599 },
          'Empty: any 2xx.',
          'prop-app-status',
        )}
        <div className="prop-grid">
          <PropField
            label="JSON path"
            value={success.jsonPath ?? ''}
            mono
            placeholder="$.state"
            onCommit={(v) => set([['app', 'success', 'jsonPath'], v.trim() || null])}
          />
          <PropField
            label="Equals"
            value={success.equals ?? ''}
            mono
            placeholder="DONE"
            onCommit={(v) => set([['app', 'success', 'equals'], v.trim() || null])}
          />
        </div>
        <div className="prop-hint">
          With a JSON path, the value there must equal the text given (or just exist).
        </div>
      </PropSection>
      <PropSection title="Polling">
        <PropCheck
          label="Poll until done"
          checked={!!app.poll}
          testId="prop-app-poll"
          onChange={(on) =>
            void set([
              ['app', 'poll'],
              on ? { url: app.command || '/status', intervalSeconds: 5, limit: 60 } : null,
            ])
          }
        />
        {app.poll && (
          <>
            <PropField
              label="Poll URL (path)"
              value={app.poll.url}
              mono
              onCommit={(v) => (v.trim() ? set([['app', 'poll', 'url'], v.trim()]) : 'Poll URL is required')}
            />
            <div className="prop-grid">
              {int('Interval (s)', ['app', 'poll', 'intervalSeconds'], app.poll.intervalSeconds, { min: 1 })}
              {int('Limit (polls)', ['app', 'poll', 'limit'], app.poll.limit, { min: 1 })}
            </div>
            <div className="prop-hint">
              The first call submits; then GET the poll URL until the success rule passes.
            </div>
          </>
        )}
      </PropSection>
    </>
  );
}
