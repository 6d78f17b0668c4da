import { saveDocument, contentStore, ensureDoc } from '../editor';

/** The text of a workflow file as the YAML editor holds it (unsaved edits included). */
export interface YamlBuffer {
  text(): string;
  /** Replaces the text as one undoable editor edit, touching only the changed span. */
  replace(text: string): void;
  onChange(listener: () => void): () => void;
  save(): Promise<boolean>;
}

/** The editor's model of `path`, or null until the file's content has loaded. */
export function openYamlBuffer(path: string): YamlBuffer | null {
  const entry = contentStore.get()[path];
  if (entry?.status !== 'ready' || entry.content.encoding !== 'utf-8') return null;
  const { model } = ensureDoc(path, entry.content);
  return {
    text: () => model.getValue(),
    replace(text) {
      const old = model.getValue();
      if (old === text) return;
      let start = 0;
      while (start < old.length && start < text.length && old[start] === text[start]) start++;
      let endOld = old.length;
      let endNew = text.length;
      while (endOld > start && endNew > start && old[endOld - 1] === text[endNew - 1]) {
        endOld--;
        endNew--;
      }
      const from = model.getPositionAt(start);
      const to = model.getPositionAt(endOld);
      model.pushStackElement();
      model.pushEditOperations(
        [],
        [
          {
            range: {
              startLineNumber: from.lineNumber,
              startColumn: from.column,
              endLineNumber: to.lineNumber,
              endColumn: to.column,
            },
            text: text.slice(start, endNew),
          },
        ],
        () => null,
      );
      model.pushStackElement();
    },
    onChange(listener) {
      const sub = model.onDidChangeContent(listener);
      return () => sub.dispose();
    },
    save: () => saveDocument(path),
  };
}
