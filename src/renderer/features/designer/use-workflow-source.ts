import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { notify } from '../../app/notifications';
import { createStore, useStore, type Store } from '../../app/store';
import type { Problem } from '../../../shared/contract';
import { parseWorkflow } from '../../../shared/model/validate-file';
import type { Workflow } from '../../../shared/model/workflow';
import { contentStore } from '../editor';
import { createHistory, historyStore, record, redo, undo, type History } from './designer-store';
import { WorkflowDocument, type OpResult } from './model/workflow-document';
import { openYamlBuffer, type YamlBuffer } from './yaml-buffer';

const PARSE_DELAY_MS = 120;

export interface WorkflowSource {
  /** The graph shown: the current text's workflow, or the last valid one while the text is invalid. */
  workflow: Workflow | undefined;
  /** The current text does not parse or validate; `workflow` is the last valid graph. */
  stale: boolean;
  problems: Problem[];
  /** Runs graph operations on the current text; a refusal is shown and returned. */
  edit(op: (doc: WorkflowDocument) => OpResult): OpResult;
  /** Reads the current text as a document (no edit). */
  read<T>(fn: (doc: WorkflowDocument) => T): T | undefined;
  undo(): void;
  redo(): void;
  canUndo: boolean;
  canRedo: boolean;
}

/**
 * A workflow file as the designer sees it: the YAML editor's text (so unsaved YAML edits show on
 * the canvas within ~120 ms), parsed with the schema. Canvas and properties edits go into the same
 * text, so they mark the tab dirty and save with it (Ctrl/Cmd+S, or auto save when it is on), and
 * the editor's undo and the designer's undo both cover all three.
 */
export function useWorkflowSource(path: string): WorkflowSource {
  const ready = useStore(contentStore, (s) => s[path]?.status === 'ready');
  const [buffer, setBuffer] = useState<YamlBuffer | null>(null);
  const [text, setText] = useState<string | null>(null);
  const [history, setHistory] = useState<Store<History> | null>(null);
  const h = useStore(history ?? NO_HISTORY, (s) => s);
  const lastValid = useRef<Workflow | undefined>(undefined);

  useEffect(() => {
    if (!ready) return;
    const b = openYamlBuffer(path);
    setBuffer(b);
    if (!b) return;
    setText(b.text());
    setHistory(historyStore(path, b.text()));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const dispose = b.onChange(() => {
      clearTimeout(timer);
      timer = setTimeout(() => setText(b.text()), PARSE_DELAY_MS);
    });
    return () => {
      clearTimeout(timer);
      dispose();
    };
  }, [path, ready]);

  useEffect(() => {
    if (history && text !== null) history.set((prev) => record(prev, text));
  }, [history, text]);

  const parsed = useMemo(() => (text === null ? null : parseWorkflow(text, path)), [text, path]);
  if (parsed?.workflow) lastValid.current = parsed.workflow;

  const apply = useCallback(
    (next: string) => {
      if (!buffer) return;
      buffer.replace(next);
      setText(next);
    },
    [buffer],
  );

  const edit = useCallback(
    (op: (doc: WorkflowDocument) => OpResult): OpResult => {
      if (!buffer) return { ok: false, reason: 'The file is still loading' };
      const current = buffer.text();
      const doc = new WorkflowDocument(current);
      const result = op(doc);
      if (!result.ok) {
        notify('warning', `Refused: ${result.reason}`);
        return result;
      }
      const next = doc.toString();
      if (next !== current) {
        history?.set((prev) => record(record(prev, current), next));
        apply(next);
      }
      return result;
    },
    [buffer, apply, history],
  );

  const step = useCallback(
    (move: (h: History) => History) => {
      if (!history || !buffer) return;
      const current = buffer.text();
      const base = record(history.get(), current);
      const moved = move(base);
      history.set(moved);
      if (moved.present !== current) apply(moved.present);
    },
    [history, buffer, apply],
  );

  return {
    workflow: parsed?.workflow ?? lastValid.current,
    stale: parsed !== null && !parsed.workflow,
    problems: parsed?.problems ?? [],
    edit,
    read: useCallback(
      <T>(fn: (doc: WorkflowDocument) => T): T | undefined =>
        buffer ? fn(new WorkflowDocument(buffer.text())) : undefined,
      [buffer],
    ),
    undo: useCallback(() => step(undo), [step]),
    redo: useCallback(() => step(redo), [step]),
    canUndo: h.past.length > 0,
    canRedo: h.future.length > 0,
  };
}

const NO_HISTORY = createStore(createHistory(''));
