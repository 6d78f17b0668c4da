import type { Task } from '../../../../shared/model/workflow';
import { Codicon } from '../../components/Codicon';
import type { OpResult, WorkflowDocument } from './model/workflow-document';
import { formatParameters, parseParameters } from './model/parameters';
import { KIND_STYLE } from './node-kinds';
import { PropCheck, PropField, PropSection } from './PropField';

type Edit = (op: (doc: WorkflowDocument) => OpResult) => OpResult;

const reasonOf = (r: OpResult): string | null => (r.ok ? null : r.reason);

function wholeNumber(text: string): number | null | undefined {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isInteger(n) ? n : undefined;
}

export function TaskProperties({ task, periodic, edit }: { task: Task; periodic: boolean; edit: Edit }) {
  const style = KIND_STYLE[task.type];
  const name = task.name;
  const numberField = (label: string, key: 'timeout' | 'retryTimes' | 'retryInterval', hint: string) => (
    <PropField
      label={label}
      type="number"
      value={String(task.config[key])}
      hint={hint}
      onCommit={(v) => {
        const n = wholeNumber(v);
        if (n === undefined) return `${label} must be a whole number`;
        return reasonOf(edit((d) => d.updateTask(name, { config: { [key]: n } })));
      }}
    />
  );
  return (
    <>
      <div className={`prop-heading ${style.tone}`}>
        <Codicon name={style.icon} />
        <span className="prop-heading-name">{name}</span>
        <span className="prop-heading-kind">{style.label} task</span>
      </div>
      <PropSection title="General">
        <PropField label="Name" value={name} testId="prop-name" onCommit={(v) => reasonOf(edit((d) => d.renameNode(name, v.trim())))} />
        <PropField label="Description" value={task.description ?? ''} multiline onCommit={(v) => reasonOf(edit((d) => d.updateTask(name, { description: v })))} />
      </PropSection>
      {(task.type === 'SHELL' || task.type === 'PYTHON') && (
        <PropSection title="Command">
          <PropField
            label={task.type === 'SHELL' ? 'Command' : 'Command or inline code'}
            value={task.command ?? ''}
            multiline
            mono
            testId="prop-command"
            hint="Runs from the workspace root; ${name} placeholders are substituted."
            onCommit={(v) => reasonOf(edit((d) => d.updateTask(name, { command: v })))}
          />
          <PropField label="Script" value={task.script ?? ''} mono placeholder="scripts/…" onCommit={(v) => reasonOf(edit((d) => d.updateTask(name, { script: v.trim() })))} />
          {task.resource && (
            <div className="prop-readonly">
              <span>Resource</span>
              <code>
                {task.resource.name} {task.resource.version}
              </code>
            </div>
          )}
        </PropSection>
      )}
      {task.type === 'DATA_SYNC' && (
        <PropSection title="Data Sync">
          <div className="prop-readonly">
            <span>Source</span>
            <code>
              {task.sync.source.connection}: {task.sync.source.table ?? task.sync.source.path}
            </code>
          </div>
          <div className="prop-readonly">
            <span>Target</span>
            <code>
              {task.sync.target.table} ({task.sync.target.writeRule})
            </code>
          </div>
          <div className="prop-hint">Edit the source, target and mapping in the YAML.</div>
        </PropSection>
      )}
      {task.type === 'EXTERNAL_APP' && (
        <PropSection title="External APP">
          <div className="prop-readonly">
            <span>Request</span>
            <code>
              {task.app.method} {task.app.domain}
              {task.app.command}
            </code>
          </div>
          <div className="prop-hint">Edit headers, body and success rule in the YAML.</div>
        </PropSection>
      )}
      <PropSection title="Node Scheduling Config">
        <div className="prop-grid">
          {numberField('Timeout (s)', 'timeout', '0 = none')}
          {numberField('Retry times', 'retryTimes', '0 – 100')}
          {numberField('Retry interval (s)', 'retryInterval', 'between retries')}
          <PropField label="Success code" value={task.config.successCode} mono onCommit={(v) => reasonOf(edit((d) => d.updateTask(name, { config: { successCode: v.trim() || null } })))} />
        </div>
        <PropCheck
          label="Allow Reference (may be a Task Ref target)"
          checked={task.config.allowReference}
          disabled={!periodic}
          onChange={(v) => edit((d) => d.updateTask(name, { config: { allowReference: v ? true : null } }))}
        />
        {!periodic && <div className="prop-hint">Only tasks of periodic workflows can be referenced.</div>}
      </PropSection>
      <PropSection title="Parameter Settings">
        <PropField
          label="Parameters (key=value per line)"
          value={formatParameters(task.parameters)}
          multiline
          mono
          testId="prop-parameters"
          hint="Task parameters override workflow parameters."
          onCommit={(v) => {
            const parsed = parseParameters(v);
            if (!parsed.ok) return parsed.reason;
            return reasonOf(edit((d) => d.updateTask(name, { parameters: parsed.params })));
          }}
        />
      </PropSection>
    </>
  );
}
