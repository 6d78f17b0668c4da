import { Codicon } from '../../ui/Codicon';
import { Keybinding } from '../../ui/Keybinding';

const ENTRIES: [string, string][] = [
  ['Show All Commands', 'Mod+Shift+P'],
  ['Go to File', 'Mod+P'],
  ['Show Problems', 'Mod+Shift+M'],
  ['Toggle Panel', 'Mod+J'],
  ['Toggle Side Bar', 'Mod+B'],
];

/** What the editor area shows with no file open, like VS Code's watermark. */
export function EditorWatermark() {
  return (
    <div className="editor-watermark" data-testid="editor-watermark">
      <Codicon name="type-hierarchy-sub" className="watermark-logo" />
      <dl className="watermark-entries">
        {ENTRIES.map(([label, keys]) => (
          <div key={label} className="watermark-entry">
            <dt>{label}</dt>
            <dd>
              <Keybinding keys={keys} />
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
