import { compareResourceVersions, type PythonTask, type ShellTask } from '../../../../shared/model';
import { CommandEditor } from './CommandEditor';
import { PropSection, PropSelect } from './PropField';
import type { SetFields } from './task-edit';
import type { WorkspaceCatalog } from './use-workspace-catalog';

type CodeSource = 'command' | 'resource' | 'script';

const SCRIPT_EXT: Record<'SHELL' | 'PYTHON', RegExp> = { SHELL: /\.(sh|bash|hql|sql)$/, PYTHON: /\.py$/ };

const latestVersion = (versions: ReadonlyArray<{ version: string }>): string | undefined => [...versions].sort((a, b) => compareResourceVersions(b.version, a.version))[0]?.version;

/** SHELL / PYTHON: the command (Monaco with `${...}` completion) and where its code comes from. */
export function ProcessTaskProperties({ task, set, catalog, workflowPath }: { task: ShellTask | PythonTask; set: SetFields; catalog: WorkspaceCatalog; workflowPath: string }) {
  const from: CodeSource = task.resource ? 'resource' : task.script ? 'script' : 'command';
  const scripts = catalog.files.filter((f) => SCRIPT_EXT[task.type].test(f) && !f.startsWith('.bdp/'));
  const resource = task.resource ? catalog.resources.find((r) => r.name === task.resource!.name) : undefined;

  const switchTo = (next: string): string | null => {
    if (next === 'command') return set([['resource'], null], [['script'], null]);
    if (next === 'script') {
      const guess = resource?.source ?? scripts[0];
      if (!guess) return `No ${task.type === 'PYTHON' ? '.py' : '.sh/.hql/.sql'} file in the workspace yet`;
      return set([['resource'], null], [['script'], guess]);
    }
    const withVersion = catalog.resources.find((r) => r.versions.length > 0 && (!task.script || r.source === task.script)) ?? catalog.resources.find((r) => r.versions.length > 0);
    if (!withVersion) return 'No resource has a published version yet: cut one in the Resources view first';
    return set([['script'], null], [['resource'], { name: withVersion.name, version: latestVersion(withVersion.versions)! }]);
  };

  return (
    <PropSection title={task.type === 'SHELL' ? 'Shell' : 'Python'}>
      <CommandEditor
        label={task.type === 'SHELL' ? 'Command' : 'Command or inline code'}
        language={task.type === 'SHELL' ? 'shell' : 'python'}
        value={task.command ?? ''}
        workflowPath={workflowPath}
        testId="prop-command"
        hint="Runs from the workspace root; type ${ for variables and parameters. Ctrl+Enter applies."
        onCommit={(v) => set([['command'], v.trim() === '' ? null : v])}
      />
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
              return set([['resource'], { name, version }]);
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
      {task.resource && !resource && <div className="prop-error">No resource named {task.resource.name} in resources/</div>}
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
