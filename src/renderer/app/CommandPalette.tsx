import { useEffect, useMemo, useRef, useState } from 'react';
import { Codicon } from '../ui/Codicon';
import { Highlighted } from '../ui/Highlighted';
import { Keybinding } from '../ui/Keybinding';
import { editorStore, openFile } from '../features/editor';
import { fileIcon } from '../ui/file-icons';
import { collectFiles, workspaceStore } from '../features/workspace';
import { commands, type Command } from './commands';
import { fuzzyFilter } from './fuzzy';
import { notifyError } from './notifications';
import { hidePalette, paletteStore } from './palette-store';
import { rankFiles } from './quick-open';
import { useStore } from './store';

interface Pick {
  key: string;
  render(): React.ReactNode;
  run(): void;
}

const commandLabel = (c: Command): string => (c.category ? `${c.category}: ${c.title}` : c.title);

/** Ctrl+Shift+P (commands, `>` prefix) and Ctrl+P (files): one quick-input widget, like VS Code's. */
export function CommandPalette() {
  const { open, value } = useStore(paletteStore, (s) => s);
  if (!open) return null;
  return <PaletteWidget initial={value} />;
}

function PaletteWidget({ initial }: { initial: string }) {
  const [value, setValue] = useState(initial);
  const [selected, setSelected] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const tree = useStore(workspaceStore, (s) => s.tree);
  const hasWorkspace = useStore(workspaceStore, (s) => s.workspace !== null);
  const files = useMemo(() => collectFiles(tree), [tree]);
  const isCommands = value.startsWith('>');
  const query = isCommands ? value.slice(1) : value;

  const picks: Pick[] = useMemo(() => {
    if (isCommands) {
      return fuzzyFilter(query, commands.all(), commandLabel).map(({ item, match }) => ({
        key: item.id,
        run: () => void commands.execute(item.id).catch((e) => notifyError(e, item.title)),
        render: () => (
          <>
            <span className="pick-label">
              <Highlighted text={commandLabel(item)} indexes={match.indexes} />
            </span>
            {item.keybinding && <Keybinding keys={item.keybinding} />}
          </>
        ),
      }));
    }
    const lineMatch = /:(\d+)$/.exec(query);
    const line = lineMatch ? Number(lineMatch[1]) : undefined;
    const fileQuery = lineMatch ? query.slice(0, lineMatch.index) : query;
    return rankFiles(fileQuery, files, editorStore.get().mru).map((f) => {
      const icon = fileIcon(f.name, 'file');
      return {
        key: f.path,
        run: () => openFile(f.path, { preview: false, line }),
        render: () => (
          <>
            <Codicon name={icon.icon} className={`file-icon tone-${icon.tone}`} />
            <span className="pick-label">
              <Highlighted text={f.name} indexes={f.nameMatch} />
            </span>
            <span className="pick-description">
              <Highlighted text={f.dir} indexes={f.dirMatch} />
            </span>
          </>
        ),
      };
    });
  }, [isCommands, query, files]);

  useEffect(() => setSelected(0), [value]);
  useEffect(() => {
    listRef.current?.querySelector('.pick.selected')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const accept = (pick: Pick | undefined) => {
    if (!pick) return;
    hidePalette();
    pick.run();
  };

  const placeholder = isCommands
    ? 'Type the name of a command to run.'
    : hasWorkspace
      ? 'Search files by name (append : to go to a line, > for commands)'
      : 'Open a workspace to search its files, or type > for commands';

  return (
    <div className="quick-input-backdrop" onMouseDown={(e) => e.target === e.currentTarget && hidePalette()}>
      <div className="quick-input" data-testid="command-palette" role="dialog" aria-label="Command Palette">
        <div className="quick-input-box">
          <input
            ref={inputRef}
            autoFocus
            data-testid="command-palette-input"
            className="input"
            value={value}
            placeholder={placeholder}
            spellCheck={false}
            aria-activedescendant={picks[selected] ? `pick-${selected}` : undefined}
            onChange={(e) => setValue(e.target.value)}
            onBlur={(e) => {
              if (
                !e.relatedTarget ||
                !e.currentTarget.closest('.quick-input')?.contains(e.relatedTarget as Node)
              )
                hidePalette();
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                hidePalette();
              } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                const n = picks.length;
                if (n) setSelected((s) => (s + (e.key === 'ArrowDown' ? 1 : -1) + n) % n);
              } else if (e.key === 'PageDown' || e.key === 'PageUp') {
                e.preventDefault();
                setSelected((s) =>
                  Math.max(0, Math.min(picks.length - 1, s + (e.key === 'PageDown' ? 10 : -10))),
                );
              } else if (e.key === 'Enter') {
                e.preventDefault();
                accept(picks[selected]);
              }
            }}
          />
        </div>
        <div className="quick-input-list" ref={listRef} role="listbox">
          {picks.length === 0 && (
            <div className="pick-empty">
              {isCommands
                ? 'No matching commands'
                : hasWorkspace
                  ? 'No matching files'
                  : 'No workspace is open'}
            </div>
          )}
          {picks.map((p, i) => (
            <div
              key={p.key}
              id={`pick-${i}`}
              role="option"
              aria-selected={i === selected}
              className={`pick${i === selected ? ' selected' : ''}`}
              data-testid="command-palette-item"
              onMouseDown={(e) => e.preventDefault()}
              onMouseMove={() => i !== selected && setSelected(i)}
              onClick={() => accept(p)}
            >
              {p.render()}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
