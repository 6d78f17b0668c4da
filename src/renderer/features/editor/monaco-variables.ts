import { businessDateStore, variableContextFor } from './business-date-store';
import { editorStore } from './editor-store';
import { VARIABLE_LANGUAGES } from '../../ui/language-of';
import { pathOfModel } from './monaco-documents';
import { monaco } from '../../ui/monaco/monaco-setup';
import {
  buildVariableItems,
  placeholderAt,
  variableCompletionContext,
  variableHoverMarkdown,
  type WorkflowParameter,
} from './variable-assist';
import { parametersFor } from './parameter-sources';
import { workspaceResources, workspaceWorkflows } from './workflow-parameters';

async function parametersOf(model: monaco.editor.ITextModel): Promise<WorkflowParameter[]> {
  const path = pathOfModel(model);
  if (!path) return [];
  const [workflows, resources] = await Promise.all([workspaceWorkflows(), workspaceResources()]);
  return parametersFor(
    path,
    workflows,
    editorStore.get().tabs.map((t) => t.path),
    resources,
  );
}

/** `${...}` completion and hover in every script language. */
export function registerVariableProviders(): void {
  for (const language of VARIABLE_LANGUAGES) {
    monaco.languages.registerCompletionItemProvider(language, {
      triggerCharacters: ['$', '{'],
      async provideCompletionItems(model, position) {
        const line = model.getLineContent(position.lineNumber);
        const context = variableCompletionContext(
          line.slice(0, position.column - 1),
          line.slice(position.column - 1),
        );
        if (!context) return { suggestions: [] };
        const businessDate = businessDateStore.get();
        const items = buildVariableItems(
          context,
          await parametersOf(model),
          variableContextFor(businessDate),
        );
        const range = new monaco.Range(
          position.lineNumber,
          context.start + 1,
          position.lineNumber,
          position.column,
        );
        return {
          suggestions: items.map((item) => ({
            label: { label: item.label, description: item.detail },
            kind:
              item.kind === 'parameter'
                ? monaco.languages.CompletionItemKind.Variable
                : monaco.languages.CompletionItemKind.Constant,
            insertText: item.insertText,
            filterText: context.needsBrace ? `{${item.insertText.slice(1)}` : item.insertText,
            detail: item.detail,
            documentation: { value: `${item.documentation}\n\n_Values for business date ${businessDate}._` },
            sortText: item.sortText,
            range,
          })),
        };
      },
    });
    monaco.languages.registerHoverProvider(language, {
      async provideHover(model, position) {
        const hit = placeholderAt(model.getLineContent(position.lineNumber), position.column);
        if (!hit) return null;
        const businessDate = businessDateStore.get();
        const markdown = variableHoverMarkdown(
          hit.name,
          businessDate,
          await parametersOf(model),
          variableContextFor(businessDate),
        );
        if (!markdown) return null;
        return {
          range: new monaco.Range(position.lineNumber, hit.start, position.lineNumber, hit.end),
          contents: [{ value: markdown }],
        };
      },
    });
  }
}
