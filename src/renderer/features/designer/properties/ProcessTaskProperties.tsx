import { useMemo } from 'react';
import {
  compareResourceVersions,
  type PythonTask,
  type Resource,
  type ShellTask,
} from '../../../../shared/model';
import { commandPathIssues, proposeCommand, undefinedPlaceholders } from '../../../../shared/task-command';
import { Codicon } from '../../../ui/Codicon';
import { CommandEditor } from './CommandEditor';
import { DEFAULT_BODY } from '../model/workflow-document';
import { PropSection, PropSelect } from './PropField';
import type { SetFields } from './task-edit';
import type { WorkspaceCatalog } from '../use-workspace-catalog';

type CodeSource = 'command' | 'resource' | 'script';

const SCRIPT_EXT: Record<'SHELL' | 'PYTHON', RegExp> = { SHELL: /\.(sh|bash|hql|sql)$/, PYTHON: /\.py$/ };

const latestVersion = (versions: ReadonlyArray<{ version: string }>): string | undefined =>
  [...versions].sort((a, b) => compareResourceVersions(b.version, a.version))[0]?.version;

interface Props {
  task: ShellTask | PythonTask;
  set: SetFields;
  catalog: WorkspaceCatalog;
  workflowPath: string;
  workflowParameters: Readonly<Record<string, string>>;
}

/** SHELL / PYTHON: the command (Monaco with `${...}` completion), where its code comes from, and what will not work remotely. */
export function ProcessTaskProperties({ task, set, catalog, workflowPath, workflowParameters }: Props) {
  const from: CodeSource = task.resource ? 'resource' : task.script ? 'script' : 'command';
  const scripts = catalog.files.filter((f) => SCRIPT_EXT[task.type].test(f) && !f.startsWith('.bdp/'));
  const resource = task.resource ? catalog.resources.find((r) => r.name === task.resource!.name) : undefined;
  const resources = useMemo(() => new Map(catalog.resources.map((r) => [r.name, r])), [catalog.resources]);
  const files = useMemo(() => new Set(catalog.files), [catalog.files]);
  const pathIssues = commandPathIssues(task, resources, files);
  const placeholders = undefinedPlaceholders(task, workflowParameters);

  /** Binds a resource version; proposes its command when the current one is empty, generated, or names the resource's workspace path. */
  const bind = (r: Resource, version: string, extra: Parameters<SetFields>): string | null => {
    const proposal = proposeCommand(task.type, r, version);
    const previous = task.resource && resources.get(task.resource.name);
    const generated =
      !task.command?.trim() ||
      task.command === DEFAULT_BODY[task.type].command ||
      (previous && task.command === proposeCommand(task.type, previous, task.resource!.version)) ||
      (r.source !== undefined && task.command.includes(r.source));
    // A PYTHON task may run the resource's file with no command at all (main() rule).
    const command =
      proposal && generated && !(task.type === 'PYTHON' && !task.command?.trim())
        ? [[['command'], proposal] as Parameters<SetFields>[number]]
        : [];
    return set(...extra, [['resource'], { name: r.name, version }], ...command);
  };

  const switchTo = (next: string): string | null => {
    if (next === 'command') return set([['resource'], null], [['script'], null]);
    if (next === 'script') {
      const guess = resource?.source ?? scripts[0];
      if (!guess) return `No ${task.type === 'PYTHON' ? '.py' : '.sh/.hql/.sql'} file in the workspace yet`;
      return set([['resource'], null], [['script'], guess]);
    }
    const withVersion =
      catalog.resources.find((r) => r.versions.length > 0 && (!task.script || r.source === task.script)) ??
      catalog.resources.find((r) => r.versions.length > 0);
    if (!withVersion) return 'No resource has a published version yet: cut one in the Resources view first';
    return bind(withVersion, latestVersion(withVersion.versions)!, [[['script'], null]]);
  };

  return (
    <PropSection title={task.type === 'SHELL' ? 'Shell' : 'Python'}>
      <CommandEditor
        label={task.type === 'SHELL' ? 'Command' : 'Command or inline code'}
        language={task.type === 'SHELL' ? 'shell' : 'python'}
        value={task.command ?? ''}
        workflowPath={workflowPath}
        testId="prop-command"
        hint="Runs in the task's own working directory, next to its resource file or script (as on the backend); type ${ for variables and parameters. Ctrl+Enter applies."
        onCommit={(v) => {
          if (v.trim() === '' && task.type === 'SHELL') {
            if (!task.resource) return 'A SHELL task needs a command';
            const example = resource && proposeCommand('SHELL', resource, task.resource.version);
            return `A SHELL task needs a command to run the file of resource ${task.resource.name} ${task.resource.version}${example ? `, e.g. ${example}` : ''}`;
          }
          return set([['command'], v.trim() === '' ? null : v]);
        }}
      />
      {(pathIssues.length > 0 || placeholders.length > 0) && (
        <div className="prop-warnings" data-testid="prop-command-warnings">
          {pathIssues.map((issue) => (
            <div key={issue.path} className="prop-warning" data-testid="prop-command-warning">
              <Codicon name="warning" />
              <span>{issue.message.replace(/^task "[^"]+": /, '')}</span>
              {issue.fixedCommand && (
                <button
                  type="button"
                  className="prop-button"
                  data-testid="prop-command-fix"
                  onClick={() => set([['command'], issue.fixedCommand!])}
                >
                  Fix
                </button>
              )}
            </div>
          ))}
          {placeholders.map((u) => (
            <div
              key={u.name}
              className={u.fatal ? 'prop-error' : 'prop-warning'}
              data-testid="prop-command-warning"
            >
              <Codicon name={u.fatal ? 'error' : 'warning'} />
              <span>{u.message.replace(/^task "[^"]+": /, '')}</span>
            </div>
          ))}
        </div>
      )}
      <PropSelect
        label="Code"
        value={from}
        testId="prop-code-source"
        options={[
          { value: 'command', label: 'Command only' },
          { value: 'resource', label: 'Resource version (published)' },
          { value: 'script', label: 'Working-tree script (pre-runs)' },
        ]}
        onCommit={switchTo}
      />
      {task.resource && (
        <div className="prop-grid">
          <PropSelect
            label="Resource"
            value={task.resource.name}
            testId="prop-resource"
            options={catalog.resources.map((r) => ({ value: r.name, label: `${r.name} (${r.format})` }))}
            onCommit={(name) => {
              const r = catalog.resources.find((x) => x.name === name);
              const version = r && latestVersion(r.versions);
              if (!version) return `${name} has no published version yet`;
              return bind(r, version, []);
            }}
          />
          <PropSelect
            label="Version"
            value={task.resource.version}
            testId="prop-resource-version"
            options={[...(resource?.versions ?? [])]
              .sort((a, b) => compareResourceVersions(b.version, a.version))
              .map((v) => ({
                value: v.version,
                label: v.description ? `${v.version} — ${v.description}` : v.version,
              }))}
            onCommit={(version) => set([['resource', 'version'], version])}
          />
        </div>
      )}
      {task.resource && !resource && (
        <div className="prop-error">No resource named {task.resource.name} in resources/</div>
      )}
      {task.script !== undefined && (
        <PropSelect
          label="Script"
          value={task.script}
          testId="prop-script"
          options={scripts}
          hint="Pre-runs use the file as it is in the working tree; publishing needs a resource version."
          onCommit={(v) => set([['script'], v])}
        />
      )}
    </PropSection>
  );
}
