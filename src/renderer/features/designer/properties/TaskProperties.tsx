import type { Task } from '../../../../shared/model/workflow';
import { Codicon } from '../../../ui/Codicon';
import { DataSyncProperties } from './DataSyncProperties';
import { ExternalAppProperties } from './ExternalAppProperties';
import { formatParameters, parseParameters } from '../model/parameters';
import { KIND_STYLE } from '../../../ui/workflow-graph/node-kinds';
import { ProcessTaskProperties } from './ProcessTaskProperties';
import { PropCheck, PropField, PropSection } from './PropField';
import { RunModeProperties } from './RunModeProperties';
import { reasonOf, taskFieldWriter, type Edit } from './task-edit';
import type { WorkspaceCatalog } from '../use-workspace-catalog';

function wholeNumber(text: string): number | null | undefined {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isInteger(n) ? n : undefined;
}

interface Props {
  task: Task;
  periodic: boolean;
  edit: Edit;
  catalog: WorkspaceCatalog;
  workflowPath: string;
  workflowParameters: Readonly<Record<string, string>>;
}

export function TaskProperties({ task, periodic, edit, catalog, workflowPath, workflowParameters }: Props) {
  const style = KIND_STYLE[task.type];
  const name = task.name;
  const set = taskFieldWriter(edit, name);
  const numberField = (label: string, key: 'timeout' | 'retryTimes' | 'retryInterval', hint: string) => (
    <PropField
      label={label}
      type="number"
      value={String(task.config[key])}
      hint={hint}
      testId={`prop-${key}`}
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
        <PropField
          label="Name"
          value={name}
          testId="prop-name"
          onCommit={(v) => reasonOf(edit((d) => d.renameNode(name, v.trim())))}
        />
        <PropField
          label="Description"
          value={task.description ?? ''}
          multiline
          onCommit={(v) => reasonOf(edit((d) => d.updateTask(name, { description: v })))}
        />
      </PropSection>
      {(task.type === 'SHELL' || task.type === 'PYTHON') && (
        <ProcessTaskProperties
          task={task}
          set={set}
          catalog={catalog}
          workflowPath={workflowPath}
          workflowParameters={workflowParameters}
        />
      )}
      {task.type === 'DATA_SYNC' && (
        <DataSyncProperties
          task={task}
          set={set}
          connections={catalog.connections}
          workflowPath={workflowPath}
        />
      )}
      {task.type === 'EXTERNAL_APP' && <ExternalAppProperties task={task} set={set} />}
      <PropSection title="Node Scheduling Config">
        <div className="prop-grid">
          {numberField('Timeout (s)', 'timeout', '0 = none')}
          {numberField('Retry times', 'retryTimes', '0 – 100')}
          {numberField('Retry interval (s)', 'retryInterval', 'between retries')}
          <PropField
            label="Success code"
            value={task.config.successCode}
            mono
            onCommit={(v) =>
              reasonOf(edit((d) => d.updateTask(name, { config: { successCode: v.trim() || null } })))
            }
          />
        </div>
        {periodic && (
          <PropField
            label="Cron (this node)"
            value={task.config.cron ?? ''}
            mono
            placeholder="the workflow's cron"
            testId="prop-node-cron"
            hint="Empty: the node runs on the workflow's schedule."
            onCommit={(v) => set([['config', 'cron'], v.trim() || null])}
          />
        )}
        <PropCheck
          label="Allow Reference (may be a Task Ref target)"
          checked={task.config.allowReference}
          disabled={!periodic}
          onChange={(v) => edit((d) => d.updateTask(name, { config: { allowReference: v ? true : null } }))}
        />
        {!periodic && <div className="prop-hint">Only tasks of periodic workflows can be referenced.</div>}
      </PropSection>
      {(task.type === 'SHELL' || task.type === 'PYTHON') && (
        <RunModeProperties runMode={task.runMode} set={set} connections={catalog.connections} />
      )}
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
