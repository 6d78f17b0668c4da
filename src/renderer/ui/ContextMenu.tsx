import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Keybinding } from './Keybinding';
import './context-menu.css';

export interface MenuItem {
  label: string;
  keybinding?: string;
  run(): void;
  disabled?: boolean;
}

export type MenuEntry = MenuItem | 'separator';

export interface ContextMenuProps {
  x: number;
  y: number;
  items: MenuEntry[];
  onClose(): void;
  /** Open upwards: `y` is where the menu's bottom edge goes (menus of status-bar items). */
  above?: boolean;
}

/** A VS Code-style context menu at the pointer; arrow keys, Enter and Escape work. */
export function ContextMenu({ x, y, items, onClose, above = false }: ContextMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ x, y });
  const [active, setActive] = useState(-1);
  const actionable = items
    .map((it, i) => (it !== 'separator' && !it.disabled ? i : -1))
    .filter((i) => i >= 0);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    const top = above ? y - r.height : y;
    setPos({
      x: Math.min(x, window.innerWidth - r.width - 4),
      y: Math.max(4, Math.min(top, window.innerHeight - r.height - 4)),
    });
    el.focus();
  }, [x, y, above]);

  useEffect(() => {
    const close = (e: Event) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('mousedown', close, true);
    window.addEventListener('blur', onClose);
    window.addEventListener('resize', onClose);
    return () => {
      window.removeEventListener('mousedown', close, true);
      window.removeEventListener('blur', onClose);
      window.removeEventListener('resize', onClose);
    };
  }, [onClose]);

  const run = (item: MenuItem) => {
    onClose();
    item.run();
  };

  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      tabIndex={-1}
      data-testid="context-menu"
      style={{ left: pos.x, top: pos.y }}
      onContextMenu={(e) => e.preventDefault()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape') onClose();
        else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const at = actionable.indexOf(active);
          const next =
            e.key === 'ArrowDown'
              ? (at + 1) % actionable.length
              : (at - 1 + actionable.length) % actionable.length;
          setActive(actionable[next < 0 ? actionable.length - 1 : next]);
        } else if (e.key === 'Enter' && active >= 0) {
          e.preventDefault();
          run(items[active] as MenuItem);
        }
      }}
    >
      {items.map((item, i) =>
        item === 'separator' ? (
          <div key={i} className="context-menu-separator" />
        ) : (
          <div
            key={i}
            role="menuitem"
            aria-label={item.label}
            data-testid="context-menu-item"
            aria-disabled={item.disabled}
            className={`context-menu-item${i === active ? ' active' : ''}${item.disabled ? ' disabled' : ''}`}
            onMouseEnter={() => setActive(item.disabled ? -1 : i)}
            onClick={() => !item.disabled && run(item)}
          >
            <span className="context-menu-label">{item.label}</span>
            {item.keybinding && <Keybinding keys={item.keybinding} />}
          </div>
        ),
      )}
    </div>
  );
}
