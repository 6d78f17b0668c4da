import { commands } from '../../app/commands';
import { pathOfModel, getDoc } from '../editor';
import { monaco } from '../../ui/monaco/monaco-setup';
import { breakpointStore, setBreakpoints, toggleBreakpoint } from './session-state';
import {
  runnableLanguage,
  scriptRunStore,
  setScriptEditorHost,
  syncBreakpoints,
  type RunTarget,
} from './script-run-store';
import { attachTaskContext } from './task-context';
import { dottedNameAt, hoverMarkdown, lookUp } from './debug-values';
import './script-run.css';

/** The Python runs with breakpoints; other languages have none. */
const canBreak = (path: string | null): path is string => runnableLanguage(path) === 'python';

function targetOf(
  editor: monaco.editor.IStandaloneCodeEditor,
  scope: 'file' | 'selection',
): RunTarget | null {
  const model = editor.getModel();
  const path = model ? pathOfModel(model) : null;
  const language = runnableLanguage(path);
  if (!model || !path || !language) return null;
  const text = model.getValue();
  if (scope === 'file') return { path, text, language };
  const sel = editor.getSelection();
  const sqlLike = language === 'sql' || language === 'hql';
  if (!sel || sel.isEmpty()) {
    const line = editor.getPosition()?.lineNumber ?? 1;
    // No selection: SQL runs the statement under the cursor, scripts the current line.
    return sqlLike
      ? { path, text, language, statementAtLine: line }
      : { path, text: model.getLineContent(line), language, firstLine: line };
  }
  // Whole lines: a selection ending at column 1 of a line does not include that line.
  const endLine =
    sel.endColumn === 1 && sel.endLineNumber > sel.startLineNumber
      ? sel.endLineNumber - 1
      : sel.endLineNumber;
  if (sqlLike) return { path, text: model.getValueInRange(sel), language, firstLine: sel.startLineNumber };
  const range = new monaco.Range(sel.startLineNumber, 1, endLine, model.getLineMaxColumn(endLine));
  return { path, text: model.getValueInRange(range), language, firstLine: sel.startLineNumber };
}

/**
 * Wires one Monaco editor to script runs: gutter breakpoints (click the glyph margin), the
 * paused line, Shell trace lines, run error markers, and Ctrl/Cmd+Enter. Returns the disposer.
 */
let hoverRegistered = false;

/** While a debug run is paused, hovering a name in its file shows the value in the selected frame. */
function registerDebugHover(): void {
  if (hoverRegistered) return;
  hoverRegistered = true;
  monaco.languages.registerHoverProvider('python', {
    provideHover(model, position) {
      const { debug, frame: selected, run } = scriptRunStore.get();
      if (run?.status !== 'running' || debug?.state !== 'paused') return null;
      const path = pathOfModel(model);
      const frames = debug.frames ?? [];
      const frame = frames[selected]?.path === path ? frames[selected] : frames.find((f) => f.path === path);
      const hit = frame && dottedNameAt(model.getLineContent(position.lineNumber), position.column);
      const value = hit && lookUp(frame, hit.name);
      if (!hit || !value) return null;
      return {
        range: new monaco.Range(position.lineNumber, hit.start, position.lineNumber, hit.end),
        contents: [{ value: hoverMarkdown(hit.name, value) }],
      };
    },
  });
}

export function attachScriptRun(editor: monaco.editor.IStandaloneCodeEditor): () => void {
  registerDebugHover();
  editor.updateOptions({ glyphMargin: true });
  setScriptEditorHost({
    target: (scope) => targetOf(editor, scope),
    textOf: (path) => getDoc(path)?.model.getValue() ?? null,
  });
  const currentPath = (): string | null => {
    const model = editor.getModel();
    return model ? pathOfModel(model) : null;
  };
  const breakpoints = editor.createDecorationsCollection();
  const debugLine = editor.createDecorationsCollection();
  const traceLines = editor.createDecorationsCollection();

  const renderBreakpoints = (): void => {
    const path = currentPath();
    const lines = path && canBreak(path) ? (breakpointStore.get()[path] ?? []) : [];
    breakpoints.set(
      lines.map((line) => ({
        range: new monaco.Range(line, 1, line, 1),
        options: {
          glyphMarginClassName: 'bdp-breakpoint codicon codicon-circle-filled',
          glyphMarginHoverMessage: { value: 'Breakpoint (click to remove)' },
          stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
        },
      })),
    );
  };
  const renderRunState = (): void => {
    const path = currentPath();
    const { debug, trace, frame } = scriptRunStore.get();
    const f = debug?.state === 'paused' ? debug.frames?.[frame] : undefined;
    const pausedLine =
      f && f.path === path
        ? f.line
        : debug?.state === 'paused' && debug.path === path
          ? debug.line
          : undefined;
    debugLine.set(
      pausedLine
        ? [
            {
              range: new monaco.Range(pausedLine, 1, pausedLine, 1),
              options: {
                isWholeLine: true,
                className: 'bdp-debug-line',
                glyphMarginClassName: 'bdp-debug-arrow codicon codicon-debug-stackframe',
              },
            },
          ]
        : [],
    );
    if (pausedLine) editor.revealLineInCenterIfOutsideViewport(pausedLine);
    const lines = trace && trace.path === path ? trace.lines : [];
    const last = lines[lines.length - 1];
    const executed = [...new Set(lines)].filter((l) => l !== last);
    traceLines.set([
      ...executed.map((l) => ({
        range: new monaco.Range(l, 1, l, 1),
        options: { isWholeLine: true, className: 'bdp-trace-line' },
      })),
      ...(last
        ? [
            {
              range: new monaco.Range(last, 1, last, 1),
              options: {
                isWholeLine: true,
                className: 'bdp-trace-current',
                glyphMarginClassName: 'bdp-debug-arrow codicon codicon-debug-stackframe',
              },
            },
          ]
        : []),
    ]);
    if (last && scriptRunStore.get().run?.status === 'running')
      editor.revealLineInCenterIfOutsideViewport(last);
  };
  const renderMarkers = (): void => {
    const { markers } = scriptRunStore.get();
    for (const model of monaco.editor.getModels()) {
      const path = pathOfModel(model);
      const mine = markers.filter((m) => m.path === path);
      monaco.editor.setModelMarkers(
        model,
        'bdp-run',
        mine.map((m) => ({
          severity: monaco.MarkerSeverity.Error,
          message: m.message,
          source: 'run',
          startLineNumber: m.line,
          startColumn: model.getLineFirstNonWhitespaceColumn(Math.min(m.line, model.getLineCount())) || 1,
          endLineNumber: m.line,
          endColumn: model.getLineMaxColumn(Math.min(m.line, model.getLineCount())),
        })),
      );
    }
  };
  const renderAll = (): void => {
    renderBreakpoints();
    renderRunState();
    renderMarkers();
  };

  const subscriptions: monaco.IDisposable[] = [
    editor.onMouseDown((e) => {
      if (e.target.type !== monaco.editor.MouseTargetType.GUTTER_GLYPH_MARGIN || !e.target.position) return;
      const path = currentPath();
      if (!canBreak(path)) return;
      toggleBreakpoint(path, e.target.position.lineNumber);
      syncBreakpoints(path, breakpointStore.get()[path] ?? []);
    }),
    editor.onDidChangeModel(renderAll),
    // Breakpoints move with the text they sit on, as in VS Code.
    editor.onDidChangeModelContent(() => {
      const path = currentPath();
      if (!canBreak(path) || breakpoints.length === 0) return;
      const model = editor.getModel()!;
      const lines = breakpoints
        .getRanges()
        .map((r) => r.startLineNumber)
        .filter((l) => l <= model.getLineCount());
      setBreakpoints(path, lines);
    }),
  ];
  // Ctrl/Cmd+Enter: Monaco would insert a line; in a runnable file it runs the selection.
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => {
    if (runnableLanguage(currentPath())) void commands.execute('scriptRun.runSelection');
    else editor.trigger('keyboard', 'editor.action.insertLineAfter', {});
  });
  const unsubscribe = [
    breakpointStore.subscribe(renderBreakpoints),
    scriptRunStore.subscribe(renderRunState),
    scriptRunStore.subscribe(renderMarkers),
  ];
  const detachTaskContext = attachTaskContext(editor);
  renderAll();
  return () => {
    detachTaskContext();
    subscriptions.forEach((s) => s.dispose());
    unsubscribe.forEach((u) => u());
    setScriptEditorHost(null);
  };
}
