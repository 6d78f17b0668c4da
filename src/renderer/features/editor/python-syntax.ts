import { monaco } from '../../ui/monaco/monaco-setup';
import type { Problem } from '../../../shared/contract';
import { client } from '../../platform/services';
import { setSyntaxProblem } from './unsaved-problems';

const TYPING_PAUSE_MS = 400;
const OWNER = 'python-syntax';

/**
 * Live syntax errors of a Python buffer while typing: once typing pauses, the text is compiled (not
 * run) by the configured interpreter in the runner process, and its error becomes a squiggle and a
 * Problems entry. Answers for an older text are dropped.
 */
export function watchPythonSyntax(path: string, model: monaco.editor.ITextModel): monaco.IDisposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  const check = async (): Promise<void> => {
    const version = model.getVersionId();
    let found: Awaited<ReturnType<typeof client.runner.checkPythonSyntax>>;
    try {
      found = await client.runner.checkPythonSyntax({ text: model.getValue() });
    } catch {
      return; // no interpreter or no runner: say nothing rather than something wrong
    }
    if (disposed || model.isDisposed() || model.getVersionId() !== version) return;
    const problem: Problem | null = found && {
      path,
      line: found.line,
      column: found.column,
      endLine: found.endLine,
      endColumn: found.endColumn,
      severity: 'error',
      message: found.message,
      source: 'python',
    };
    setSyntaxProblem(path, problem);
    const end = model.getLineMaxColumn(Math.min(found?.line ?? 1, model.getLineCount()));
    monaco.editor.setModelMarkers(
      model,
      OWNER,
      found
        ? [
            {
              severity: monaco.MarkerSeverity.Error,
              message: found.message,
              source: 'python',
              startLineNumber: found.line,
              startColumn: found.column,
              endLineNumber: found.endLine ?? found.line,
              endColumn: found.endColumn && found.endColumn > found.column ? found.endColumn : end,
            },
          ]
        : [],
    );
  };
  const schedule = (delay: number): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void check(), delay);
  };
  schedule(0);
  const subscription = model.onDidChangeContent(() => schedule(TYPING_PAUSE_MS));
  return {
    dispose() {
      disposed = true;
      clearTimeout(timer);
      subscription.dispose();
      setSyntaxProblem(path, null);
    },
  };
}
