import './designer-mode-toggle.css';
import { useStore } from '../../app/store';
import { Codicon } from '../../ui/Codicon';
import { editorModeStore, isWorkflowFile, modeOf, setEditorMode } from './editor-mode-store';

/** "Designer | YAML" for a workflow tab; nothing for other files. */
export function DesignerModeToggle({ path }: { path: string }) {
  const mode = useStore(editorModeStore, (s) => modeOf(s, path));
  if (!isWorkflowFile(path)) return null;
  return (
    <div className="designer-mode-toggle" role="radiogroup" aria-label="Workflow view">
      {(['designer', 'yaml'] as const).map((m) => (
        <button
          key={m}
          role="radio"
          aria-checked={m === 'yaml' ? mode === 'yaml' : mode !== 'yaml'}
          className={(m === 'yaml' ? mode === 'yaml' : mode !== 'yaml') ? 'active' : undefined}
          data-testid={`designer-mode-${m}`}
          title={m === 'designer' ? 'The canvas (the YAML pane beside it is a toolbar toggle)' : 'YAML only'}
          onClick={() =>
            m === 'yaml'
              ? setEditorMode(path, 'yaml')
              : mode === 'yaml' &&
                setEditorMode(path, editorModeStore.get().yamlBeside ? 'designer' : 'canvas')
          }
        >
          <Codicon name={m === 'designer' ? 'type-hierarchy-sub' : 'json'} />
          {m === 'designer' ? 'Designer' : 'YAML'}
        </button>
      ))}
    </div>
  );
}
