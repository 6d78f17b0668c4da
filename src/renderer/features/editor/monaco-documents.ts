import type { FileContent, Problem } from '../../../shared/contract';
import { client } from '../../platform/services';
import { workspaceStore } from '../workspace';
import { noteEdit } from './auto-save';
import { decideDiskChange } from './disk-change';
import { forgetDocument, patchDocument, setDocumentHost } from './document-store';
import { editorStore, pinTab } from './editor-store';
import { contentStore } from './file-content-store';
import { monacoLanguageOf } from '../../ui/language-of';
import { isLiveValidated, LIVE_SOURCES, validateLive } from './live-validation';
import { monaco } from '../../ui/monaco/monaco-setup';
import { watchPythonSyntax } from './python-syntax';
import { setUnsavedProblems } from './unsaved-problems';

interface Doc {
  path: string;
  model: monaco.editor.ITextModel;
  /** Version on disk the text was loaded from or last saved as. */
  baseVersion: string;
  /** `getAlternativeVersionId()` at the last load/save: undoing back to it makes the file clean again. */
  savedAltId: number;
  viewState: monaco.editor.ICodeEditorViewState | null;
  liveProblems: Problem[] | null;
  validateTimer?: ReturnType<typeof setTimeout>;
  disposable: monaco.IDisposable;
  /** Live syntax checks of a Python buffer. */
  syntax: monaco.IDisposable | null;
}

const docs = new Map<string, Doc>();

/** The editor showing documents, so reloads can keep its cursor; set by ScriptEditor. */
let activeEditor: monaco.editor.IStandaloneCodeEditor | null = null;
export function setActiveEditor(editor: monaco.editor.IStandaloneCodeEditor | null): void {
  activeEditor = editor;
}

const uriOf = (path: string): monaco.Uri => monaco.Uri.from({ scheme: 'file', path: '/' + path });

/** Models that are not files (the designer's command editors) but complete `${...}` like a file. */
const modelAliases = new WeakMap<monaco.editor.ITextModel, string>();

/** Gives `model` the `${...}` completion and hover of the workspace file `path`. */
export function aliasModelPath(model: monaco.editor.ITextModel, path: string): void {
  modelAliases.set(model, path);
}

export function pathOfModel(model: monaco.editor.ITextModel): string | null {
  for (const doc of docs.values()) if (doc.model === model) return doc.path;
  return modelAliases.get(model) ?? null;
}

export function getDoc(path: string): Doc | undefined {
  return docs.get(path);
}

/** The model of an open file, created from its content on first use. */
export function ensureDoc(path: string, content: FileContent): Doc {
  const existing = docs.get(path);
  if (existing) return existing;
  const model = monaco.editor.createModel(content.text, monacoLanguageOf(path), uriOf(path));
  const doc: Doc = {
    path,
    model,
    baseVersion: content.version,
    savedAltId: model.getAlternativeVersionId(),
    viewState: null,
    liveProblems: null,
    disposable: model.onDidChangeContent(() => {
      const dirty = model.getAlternativeVersionId() !== doc.savedAltId;
      if (dirty) pinTab(path);
      patchDocument(path, { dirty });
      if (dirty) noteEdit(path);
      scheduleValidation(doc);
    }),
    syntax: model.getLanguageId() === 'python' ? watchPythonSyntax(path, model) : null,
  };
  docs.set(path, doc);
  patchDocument(path, { dirty: false, conflict: null });
  scheduleValidation(doc, 0);
  applyMarkers(doc);
  return doc;
}

function disposeDoc(path: string): void {
  const doc = docs.get(path);
  if (!doc) return;
  clearTimeout(doc.validateTimer);
  doc.disposable.dispose();
  doc.syntax?.dispose();
  doc.model.dispose();
  docs.delete(path);
  forgetDocument(path);
  setUnsavedProblems(path, null);
}

/** Replaces the text with the disk version as an undoable edit, keeping the cursor and scroll. */
function replaceText(doc: Doc, text: string, version: string): void {
  const shown = activeEditor?.getModel() === doc.model;
  const view = shown ? activeEditor!.saveViewState() : null;
  doc.model.pushStackElement();
  doc.model.pushEditOperations([], [{ range: doc.model.getFullModelRange(), text }], () => null);
  doc.model.pushStackElement();
  if (view) activeEditor!.restoreViewState(view);
  doc.baseVersion = version;
  doc.savedAltId = doc.model.getAlternativeVersionId();
  patchDocument(doc.path, { dirty: false, conflict: null });
  setUnsavedProblems(doc.path, null);
}

function markClean(doc: Doc, version: string): void {
  doc.baseVersion = version;
  doc.savedAltId = doc.model.getAlternativeVersionId();
  patchDocument(doc.path, { dirty: false, conflict: null });
  setUnsavedProblems(doc.path, null);
}

async function save(path: string, options: { overwrite?: boolean } = {}): Promise<boolean> {
  const doc = docs.get(path);
  if (!doc) return true;
  const text = doc.model.getValue();
  const altId = doc.model.getAlternativeVersionId();
  try {
    const { version } = await client.workspace.writeFile({
      path,
      text,
      expectedVersion: options.overwrite ? undefined : doc.baseVersion,
    });
    doc.baseVersion = version;
    doc.savedAltId = altId;
    patchDocument(path, { dirty: doc.model.getAlternativeVersionId() !== altId, conflict: null });
    return true;
  } catch (error) {
    if ((error as { code?: string } | null)?.code === 'CONFLICT') {
      patchDocument(path, { conflict: 'save-refused' });
      return false;
    }
    throw error;
  }
}

/** Reload: take the file from disk, dropping unsaved edits (still undoable). */
async function revert(path: string): Promise<void> {
  const doc = docs.get(path);
  if (!doc) return;
  const content = await client.workspace.readFile({ path });
  replaceText(doc, content.text, content.version);
}

setDocumentHost({ save, revert });

// Disk changes reach us through the content store, which re-reads open files.
contentStore.subscribe(() => {
  const entries = contentStore.get();
  for (const doc of docs.values()) {
    const entry = entries[doc.path];
    if (entry?.status !== 'ready' || entry.content.encoding !== 'utf-8') continue;
    const dirty = doc.model.getAlternativeVersionId() !== doc.savedAltId;
    const action = decideDiskChange({
      dirty,
      baseVersion: doc.baseVersion,
      diskVersion: entry.content.version,
      diskText: entry.content.text,
      editorText: doc.model.getValue(),
    });
    if (action === 'adopt-version') markClean(doc, entry.content.version);
    else if (action === 'reload') replaceText(doc, entry.content.text, entry.content.version);
    else if (action === 'prompt') patchDocument(doc.path, { conflict: 'changed-on-disk' });
  }
});

// Closed tabs drop their models.
editorStore.subscribe(() => {
  const open = new Set(editorStore.get().tabs.map((t) => t.path));
  for (const path of [...docs.keys()]) if (!open.has(path)) disposeDoc(path);
});

function scheduleValidation(doc: Doc, delay = 300): void {
  if (!isLiveValidated(doc.path)) return;
  clearTimeout(doc.validateTimer);
  doc.validateTimer = setTimeout(() => {
    void validateLive(doc.path, doc.model.getValue()).then((problems) => {
      if (!problems || docs.get(doc.path) !== doc) return;
      doc.liveProblems = problems;
      applyMarkers(doc);
      setUnsavedProblems(doc.path, doc.model.getAlternativeVersionId() !== doc.savedAltId ? problems : null);
    });
  }, delay);
}

const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
} as const;

function toMarker(p: Problem): monaco.editor.IMarkerData {
  const endLine = p.endLine ?? p.line;
  let endColumn = p.endColumn ?? p.column;
  if (endLine === p.line && endColumn <= p.column) endColumn = p.column + 1;
  return {
    severity: SEVERITY[p.severity],
    message: p.message,
    source: p.source,
    startLineNumber: p.line,
    startColumn: p.column,
    endLineNumber: endLine,
    endColumn,
  };
}

/** Workspace problems as squiggles; for workflow/resource files the live (unsaved-text) findings replace the per-file ones. */
function applyMarkers(doc: Doc): void {
  const fromWorkspace = workspaceStore.get().problems.filter((p) => p.path === doc.path);
  const problems = doc.liveProblems
    ? [...doc.liveProblems, ...fromWorkspace.filter((p) => !LIVE_SOURCES.has(p.source))]
    : fromWorkspace;
  monaco.editor.setModelMarkers(doc.model, 'bdp', problems.map(toMarker));
}

let problems = workspaceStore.get().problems;
workspaceStore.subscribe(() => {
  if (workspaceStore.get().problems === problems) return;
  problems = workspaceStore.get().problems;
  for (const doc of docs.values()) applyMarkers(doc);
});
