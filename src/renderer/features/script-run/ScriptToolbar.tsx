import { lazy, Suspense, useEffect, useState } from 'react';
import type { TaskFileUse } from '../../../shared/task-file-view';
import { taskUseLabel } from '../../../shared/task-file-view';
import { ContextMenu } from '../../ui/ContextMenu';
import { onFilesChanged } from '../workspace';
import { runAsTask, taskUsesOf } from './task-context';
import { Codicon } from '../../ui/Codicon';
import { formatKeybinding, isMac } from '../../app/commands';
import { useStore } from '../../app/store';
import {
  debugCommand,
  runActive,
  runnableLanguage,
  scriptRunStore,
  showSubstituted,
  stopRun,
  toggleParams,
} from './script-run-store';
import './script-run.css';

const SubstitutedPreview = lazy(() =>
  import('./SubstitutedPreview').then((m) => ({ default: m.SubstitutedPreview })),
);

const kb = (k: string): string => ` (${formatKeybinding(k, isMac)})`;

function Button({
  icon,
  title,
  onClick,
  className,
  testId,
  disabled,
}: {
  icon: string;
  title: string;
  onClick: (e: React.MouseEvent<HTMLButtonElement>) => void;
  className?: string;
  testId: string;
  disabled?: boolean;
}) {
  return (
    <button
      className={`icon-button${className ? ' ' + className : ''}`}
      title={title}
      aria-label={title}
      data-testid={testId}
      onClick={onClick}
      disabled={disabled}
    >
      <Codicon name={icon} />
    </button>
  );
}

/** The tasks that run `path`, refreshed when workspace files change. */
function useTaskUses(path: string): TaskFileUse[] {
  const [uses, setUses] = useState<TaskFileUse[]>([]);
  useEffect(() => {
    let live = true;
    const load = (): void => void taskUsesOf(path).then((u) => live && setUses(u));
    load();
    const off = onFilesChanged((changes) => {
      if (changes.some((c) => c.path.endsWith('.workflow.yaml') || c.path.endsWith('.resource.yaml')))
        setTimeout(load, 50);
    });
    return () => {
      live = false;
      off();
    };
  }, [path]);
  return uses;
}

/** "Run as Task": one button, with a menu when several tasks run the file. */
function RunAsTask({ path, disabled }: { path: string; disabled: boolean }) {
  const uses = useTaskUses(path);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  if (uses.length === 0) return null;
  const title = uses.length === 1 ? `Run as Task ▸ ${taskUseLabel(uses[0])}` : 'Run as Task ▸ …';
  return (
    <>
      <Button
        icon="run-all"
        className="run"
        title={`${title}: its command, parameters and working directory, as the published task runs it`}
        testId="script-run-as-task"
        disabled={disabled}
        onClick={(e) => {
          if (uses.length === 1) return void runAsTask(path, uses[0]);
          const r = e.currentTarget.getBoundingClientRect();
          setMenu({ x: r.left, y: r.bottom + 2 });
        }}
      />
      {menu && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          onClose={() => setMenu(null)}
          items={uses.map((u) => ({
            label: `Run as Task ▸ ${taskUseLabel(u)}`,
            run: () => void runAsTask(path, u),
          }))}
        />
      )}
    </>
  );
}

/** Run / Run Selection / Debug / Stop and the debugger's step buttons, in the editor's title row. */
export function ScriptToolbar({ path }: { path: string }) {
  const language = runnableLanguage(path);
  const run = useStore(scriptRunStore, (s) => s.run);
  const debug = useStore(scriptRunStore, (s) => s.debug);
  const paramsOpen = useStore(scriptRunStore, (s) => s.paramsOpen);
  const preview = useStore(scriptRunStore, (s) => s.preview);
  if (!language) return null;
  const running = run?.status === 'running';
  const paused = running && debug?.state === 'paused';
  const sqlLike = language === 'sql' || language === 'hql';
  return (
    <div className="script-toolbar" role="toolbar" aria-label="Run" data-testid="script-toolbar">
      {paused ? (
        <>
          <Button
            icon="debug-continue"
            className="debug"
            title={`Continue${kb('F5')}`}
            testId="debug-continue"
            onClick={() => void debugCommand('continue')}
          />
          <Button
            icon="debug-step-over"
            className="debug"
            title={`Step Over${kb('F10')}`}
            testId="debug-step-over"
            onClick={() => void debugCommand('next')}
          />
          <Button
            icon="debug-step-into"
            className="debug"
            title={`Step Into${kb('F11')}`}
            testId="debug-step-into"
            onClick={() => void debugCommand('step')}
          />
          <Button
            icon="debug-step-out"
            className="debug"
            title={`Step Out${kb('Shift+F11')}`}
            testId="debug-step-out"
            onClick={() => void debugCommand('return')}
          />
        </>
      ) : (
        <>
          <Button
            icon="play"
            className="run"
            title={`Run ${sqlLike ? 'SQL' : 'Script'}${kb('F5')}`}
            testId="script-run"
            disabled={running}
            onClick={() => void runActive('file')}
          />
          <Button
            icon="run-below"
            className="run"
            title={`${sqlLike ? 'Run Current Statement / Selection' : 'Run Selection / Line'}${kb('Mod+Enter')}`}
            testId="script-run-selection"
            disabled={running}
            onClick={() => void runActive('selection')}
          />
          {language === 'python' && (
            <Button
              icon="debug-alt"
              className="debug"
              title={`Debug Script${kb('Mod+Shift+D')}`}
              testId="script-debug"
              disabled={running}
              onClick={() => void runActive('file', 'debug')}
            />
          )}
          {language === 'shell' && (
            <Button
              icon="debug-line-by-line"
              className="debug"
              title="Run with Trace (bash -x)"
              testId="script-trace"
              disabled={running}
              onClick={() => void runActive('file', 'trace')}
            />
          )}
          <RunAsTask path={path} disabled={running} />
        </>
      )}
      <Button
        icon="debug-stop"
        className="stop"
        title={`Stop${kb('Shift+F5')}`}
        testId="script-stop"
        disabled={!running}
        onClick={() => void stopRun()}
      />
      <span className="script-toolbar-sep" />
      <Button
        icon="symbol-parameter"
        className={paramsOpen ? 'active' : undefined}
        title="Parameters and Business Date"
        testId="script-params-toggle"
        onClick={() => toggleParams()}
      />
      <Button
        icon="open-preview"
        title="Show Substituted Script"
        testId="script-show-substituted"
        onClick={() => void showSubstituted()}
      />
      {preview && (
        <Suspense fallback={null}>
          <SubstitutedPreview />
        </Suspense>
      )}
    </div>
  );
}
