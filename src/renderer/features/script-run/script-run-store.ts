import type {
  DebugCommand,
  DebugEvaluation,
  ScriptDebugState,
  ScriptLanguage,
  ScriptMarker,
  ScriptRunEnd,
  ScriptRunInfo,
  ScriptRunMode,
  SqlStatementResult,
} from '../../../shared/contract';
import { showPanel } from '../../app/layout-store';
import { notify, notifyError } from '../../app/notifications';
import { createStore } from '../../app/store';
import { client } from '../../platform/services';
import { businessDateStore, openFile, setRunProblems } from '../editor';
import { monacoLanguageOf } from '../../ui/language-of';
import { appendOutput, clearOutput } from './output-buffer';
import { breakpointStore, paramsOf, parseParameters } from './session-state';
import { runnableLanguage } from './script-language';
import { taskPreviewViews, type PreviewView } from './task-context';

/** What the editor offers to run: the file, or the selection / current line / statement. */
export interface RunTarget {
  path: string;
  text: string;
  language: ScriptLanguage;
  firstLine?: number;
  statementAtLine?: number;
}

/** Implemented by the Monaco integration (loaded with the editor), so this module stays Monaco-free. */
export interface ScriptEditorHost {
  target(scope: 'file' | 'selection'): RunTarget | null;
  /** The whole text of an open file (for the substituted preview). */
  textOf(path: string): string | null;
}

export interface ConsoleEntry {
  expression: string;
  answer: DebugEvaluation;
}

export interface ScriptRunState {
  run: (ScriptRunInfo & { status: 'running' | ScriptRunEnd['status']; end?: ScriptRunEnd }) | null;
  markers: ScriptMarker[];
  sql: SqlStatementResult[];
  /** Latest debugger state of the current debug run. */
  debug: ScriptDebugState | null;
  /** Frame shown in the Variables list (0 = innermost). */
  frame: number;
  /** The debug console of the current debug run: what was asked and what it answered. */
  console: ConsoleEntry[];
  /** Shell trace: executed lines of the current run, the last one is current. */
  trace: { path: string; lines: number[] } | null;
  /** Set while the "substituted script" preview is open: the file as each context sees it (F5 first, then each task that runs it). */
  preview: {
    path: string;
    language: string;
    original: string;
    views: PreviewView[];
    selected: number;
  } | null;
  /** The Parameters bar is open. */
  paramsOpen: boolean;
}

export const scriptRunStore = createStore<ScriptRunState>({
  run: null,
  markers: [],
  sql: [],
  debug: null,
  frame: 0,
  console: [],
  trace: null,
  preview: null,
  paramsOpen: false,
});

let host: ScriptEditorHost | null = null;
export function setScriptEditorHost(next: ScriptEditorHost | null): void {
  host = next;
}

const patch = (p: Partial<ScriptRunState>): void => scriptRunStore.set((s) => ({ ...s, ...p }));

export { runnableLanguage };

export const isRunning = (): boolean => scriptRunStore.get().run?.status === 'running';
export const isPaused = (): boolean => isRunning() && scriptRunStore.get().debug?.state === 'paused';

const ESC = '\u001b[';
const style = (code: string, text: string): string => `${ESC}${code}m${text}${ESC}0m`;

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** Values sent with a run: the file's parameters, arguments and business date (default: the status bar's). */
function runSettings(
  path: string,
): { parameters: Record<string, string>; args: string; businessDate: string } | null {
  const params = paramsOf(path);
  const parsed = parseParameters(params.text);
  if (parsed.errors.length > 0) {
    notify('error', `Parameters of ${path} are not valid`, parsed.errors.join('\n'));
    patch({ paramsOpen: true });
    return null;
  }
  return {
    parameters: parsed.values,
    args: params.args,
    businessDate: params.businessDate || businessDateStore.get(),
  };
}

/** Runs the active editor's file or selection (F5 / Ctrl+Enter), debugs or traces it. */
export async function runActive(scope: 'file' | 'selection', mode: ScriptRunMode = 'run'): Promise<void> {
  if (isPaused() && mode !== 'trace') return debugCommand('continue');
  if (isRunning()) {
    notify('info', `${scriptRunStore.get().run!.path} is still running`, 'Stop it first (Shift+F5).');
    return;
  }
  const target = host?.target(scope) ?? null;
  if (!target) {
    notify('info', 'Nothing to run', 'Open a Python, Shell, SQL or HQL file in the editor to run it.');
    return;
  }
  if (mode === 'debug' && target.language !== 'python') mode = target.language === 'shell' ? 'trace' : 'run';
  if (mode === 'trace' && target.language !== 'shell') mode = 'run';
  const settings = runSettings(target.path);
  if (!settings) return;
  clearOutput();
  patch({ run: null, markers: [], sql: [], debug: null, frame: 0, console: [], trace: null });
  setRunProblems([]);
  const sqlLike = target.language === 'sql' || target.language === 'hql';
  showPanel(sqlLike ? 'results' : mode === 'debug' ? 'debug' : 'output');
  try {
    const info = await client.runner.runScript({
      ...target,
      mode,
      ...settings,
      args: settings.args || undefined,
      breakpoints: mode === 'debug' ? (breakpointStore.get()[target.path] ?? []) : undefined,
    });
    patch({
      run: { ...info, status: 'running' },
      trace: mode === 'trace' ? { path: target.path, lines: [] } : null,
    });
    const what = scope === 'selection' ? (sqlLike ? ' (current statement)' : ' (selection)') : '';
    appendOutput(
      `${style('1;36', `▶ ${info.commandLine}`)}${what}  ${style('2', `business date ${settings.businessDate}${mode !== 'run' ? ` · ${mode}` : ''}`)}\n`,
    );
    if (info.unresolved.length > 0)
      appendOutput(
        style(
          '33',
          `⚠ not defined, left as written: ${info.unresolved.map((u) => '${' + u + '}').join(', ')}`,
        ) + '\n',
      );
    flushEarly(info.runId);
  } catch (error) {
    appendOutput(style('31', `✖ ${(error as Error).message}`) + '\n');
    notifyError(error, 'Run');
  }
}

export async function stopRun(): Promise<void> {
  const run = scriptRunStore.get().run;
  if (!run || run.status !== 'running') return;
  appendOutput(style('33', '■ stopping…') + '\n');
  await client.runner.stopScript({ runId: run.runId });
}

export async function debugCommand(command: DebugCommand): Promise<void> {
  const run = scriptRunStore.get().run;
  if (!run || !isPaused()) return;
  patch({ debug: { runId: run.runId, state: 'running' } });
  await client.runner
    .debugScript({ runId: run.runId, command })
    .catch((error: unknown) => notifyError(error, 'Debug'));
}

/** The debug console: evaluates an expression in the selected frame of the paused program. */
export async function evaluateInDebugger(expression: string): Promise<void> {
  const run = scriptRunStore.get().run;
  const add = (answer: DebugEvaluation): void =>
    patch({ console: [...scriptRunStore.get().console, { expression, answer }] });
  if (!run || !isPaused()) return add({ error: 'Pause the program (a breakpoint or a step) to evaluate.' });
  try {
    add(
      await client.runner.evaluateInScript({
        runId: run.runId,
        expression,
        frame: scriptRunStore.get().frame,
      }),
    );
  } catch (error) {
    add({ error: error instanceof Error ? error.message : String(error) });
  }
}

/** Sends changed breakpoints of a file to a live debug session. */
export function syncBreakpoints(path: string, lines: number[]): void {
  const run = scriptRunStore.get().run;
  if (run?.status === 'running' && run.mode === 'debug')
    void client.runner.setScriptBreakpoints({ runId: run.runId, path, lines }).catch(() => undefined);
}

export function selectFrame(index: number): void {
  const frame = scriptRunStore.get().debug?.frames?.[index];
  patch({ frame: index });
  if (frame && !frame.path.startsWith('/')) openFile(frame.path, { line: frame.line, column: 1 });
}

export function toggleParams(open?: boolean): void {
  patch({ paramsOpen: open ?? !scriptRunStore.get().paramsOpen });
}

/** Opens the read-only "substituted script" comparison for the active file. */
export async function showSubstituted(): Promise<void> {
  const target = host?.target('file') ?? null;
  if (!target) {
    notify('info', 'Nothing to preview', 'Open a Python, Shell, SQL or HQL file first.');
    return;
  }
  const settings = runSettings(target.path);
  if (!settings) return;
  try {
    const language = monacoLanguageOf(target.path);
    const [f5, tasks] = await Promise.all([
      client.runner.previewScript({ ...target, ...settings, args: settings.args || undefined }),
      taskPreviewViews(target.path, target.text, language),
    ]);
    const views: PreviewView[] = [
      {
        label: 'Run Script (F5)',
        note: "Script Development: the file's own ${...} are substituted",
        substituted: f5.text,
        problems: f5.unresolved.map((u) => `not defined: \${${u}}`),
      },
      ...tasks,
    ];
    patch({ preview: { path: target.path, language, original: target.text, views, selected: 0 } });
  } catch (error) {
    notifyError(error, 'Show substituted script');
  }
}

export function selectPreviewView(index: number): void {
  const preview = scriptRunStore.get().preview;
  if (preview && index >= 0 && index < preview.views.length)
    patch({ preview: { ...preview, selected: index } });
}

export function closePreview(): void {
  patch({ preview: null });
}

// Events can overtake the runScript reply: keep those of unknown runs briefly.
const earlyIds = new Map<string, Array<() => void>>();
function flushEarly(runId: string): void {
  const queued = earlyIds.get(runId) ?? [];
  earlyIds.clear();
  queued.forEach((f) => f());
}
function forRun(runId: string, apply: () => void): void {
  const run = scriptRunStore.get().run;
  if (run?.runId === runId) apply();
  else if (!run || run.status !== 'running') {
    const list = earlyIds.get(runId) ?? [];
    list.push(apply);
    earlyIds.set(runId, list);
  }
}

function writeEnd(end: ScriptRunEnd): void {
  const code =
    end.exitCode === null
      ? end.signal
        ? `signal ${end.signal}`
        : 'no exit code'
      : `exit code ${end.exitCode}`;
  if (end.message) appendOutput(style('31', end.message) + '\n');
  const line =
    end.status === 'success'
      ? style('1;32', `✔ Succeeded`) + ` — ${code} in ${seconds(end.durationMs)}`
      : end.status === 'stopped'
        ? style('1;33', `■ Stopped`) + ` — process tree killed after ${seconds(end.durationMs)}`
        : style('1;31', `✖ Failed`) + ` — ${code} in ${seconds(end.durationMs)}`;
  appendOutput(`${line}\n`);
  for (const m of end.markers) appendOutput(style('31', `  ${m.path}:${m.line}: ${m.message}`) + '\n');
}

/** Subscribes to the runner's script events; returns the disposer. */
export function subscribeScriptRunEvents(): () => void {
  const disposers = [
    client.runner.onDidScriptOutput((c) =>
      forRun(c.runId, () => {
        // stderr in red unless the program colours it itself; trace lines dimmed.
        const text =
          c.stream === 'stderr' && !c.text.includes('\u001b[')
            ? style('31', c.text)
            : c.stream === 'system'
              ? style('2', c.text)
              : c.text;
        appendOutput(text);
      }),
    ),
    client.runner.onDidScriptEnd((end) =>
      forRun(end.runId, () => {
        writeEnd(end);
        scriptRunStore.set((s) =>
          s.run?.runId === end.runId
            ? { ...s, run: { ...s.run, status: end.status, end }, markers: end.markers, debug: null }
            : s,
        );
        // Listed in Problems too, until the next run.
        setRunProblems(
          end.markers.map((m) => ({
            path: m.path,
            line: m.line,
            column: 1,
            severity: 'error',
            message: m.message,
            source: 'run',
          })),
        );
        if (end.markers.length > 0) openFile(end.markers[0].path, { line: end.markers[0].line, column: 1 });
      }),
    ),
    client.runner.onDidSqlResult((r) =>
      forRun(r.runId, () => patch({ sql: [...scriptRunStore.get().sql, r] })),
    ),
    client.runner.onDidScriptDebug((d) =>
      forRun(d.runId, () => {
        patch({ debug: d, frame: 0 });
        if (d.state === 'paused' && d.path && d.line && !d.path.startsWith('/')) {
          openFile(d.path, { line: d.line, column: 1 });
          showPanel('debug');
        }
      }),
    ),
    client.runner.onDidScriptTrace((t) =>
      forRun(t.runId, () => {
        const trace = scriptRunStore.get().trace;
        patch({ trace: { path: t.path, lines: [...(trace?.lines ?? []), ...t.lines].slice(-5000) } });
      }),
    ),
  ];
  return () => disposers.forEach((d) => d());
}
