import type { Connection, RunMode } from '../../../../shared/model';
import { parseNumberField, PropField, PropSection, PropSelect } from './PropField';
import { splitList, type SetFields } from './task-edit';

/** Running mode of a SHELL / PYTHON task: single, or one sub-task per key with a parallel limit. */
export function RunModeProperties({
  runMode,
  set,
  connections,
}: {
  runMode: RunMode;
  set: SetFields;
  connections: Connection[];
}) {
  const num = (
    label: string,
    key: 'cpu' | 'memory' | 'maxParallel',
    rule: { min: number; max?: number; integer?: boolean },
    hint: string,
  ) => (
    <PropField
      label={label}
      type="number"
      value={runMode[key] === undefined ? '' : String(runMode[key])}
      hint={hint}
      testId={`prop-run-${key}`}
      onCommit={(v) => {
        const n = parseNumberField(v, label, rule);
        return 'reason' in n ? n.reason : set([['runMode', key], n.value])!;
      }}
    />
  );
  const keySource = runMode.keySource;
  return (
    <PropSection title="Running Mode">
      <PropSelect
        label="Mode"
        value={runMode.mode}
        testId="prop-run-mode"
        options={[
          { value: 'single', label: 'Single (one process)' },
          { value: 'multiple', label: 'Multiple (one sub-task per key)' },
        ]}
        onCommit={(mode) =>
          mode === 'multiple'
            ? set(
                [['runMode', 'mode'], 'multiple'],
                [['runMode', 'maxParallel'], runMode.maxParallel ?? 2],
                [['runMode', 'keySource'], keySource ?? { type: 'custom', keys: ['key1'] }],
              )
            : set(
                [['runMode', 'mode'], 'single'],
                [['runMode', 'maxParallel'], null],
                [['runMode', 'keySource'], null],
              )
        }
      />
      <div className="prop-grid">
        {num('CPU (cores)', 'cpu', { min: 0.1, max: 2 }, '0.1 – 2')}
        {num('Memory (GB)', 'memory', { min: 0.3, max: 4 }, '0.3 – 4')}
      </div>
      {runMode.mode === 'multiple' && (
        <>
          {num('Max parallel', 'maxParallel', { min: 1, integer: true }, 'sub-tasks at once')}
          <PropSelect
            label="Key source"
            value={keySource?.type ?? 'custom'}
            options={[
              { value: 'custom', label: 'Custom keys' },
              { value: 'file', label: 'Keys from a file' },
            ]}
            onCommit={(type) =>
              set([
                ['runMode', 'keySource'],
                type === 'file'
                  ? {
                      type: 'file',
                      connection: connections.find((c) => c.type === 'FILE')?.name ?? 'local_files',
                      path: 'keys.txt',
                    }
                  : { type: 'custom', keys: ['key1'] },
              ])
            }
          />
          {keySource?.type === 'custom' && (
            <PropField
              label="Keys (comma separated)"
              value={keySource.keys.join(', ')}
              mono
              hint="Each sub-task gets one key as ${key}."
              onCommit={(v) =>
                splitList(v).length === 0
                  ? 'Give at least one key'
                  : set([['runMode', 'keySource', 'keys'], splitList(v)])
              }
            />
          )}
          {keySource?.type === 'file' && (
            <div className="prop-grid">
              <PropSelect
                label="Connection"
                value={keySource.connection}
                options={connections.filter((c) => c.type === 'FILE').map((c) => c.name)}
                onCommit={(v) => set([['runMode', 'keySource', 'connection'], v])}
              />
              <PropField
                label="File"
                value={keySource.path}
                mono
                onCommit={(v) => set([['runMode', 'keySource', 'path'], v.trim()])}
              />
            </div>
          )}
        </>
      )}
    </PropSection>
  );
}
