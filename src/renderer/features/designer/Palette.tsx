import { memo, type DragEvent } from 'react';
import { Codicon } from '../../ui/Codicon';
import {
  KIND_STYLE,
  PALETTE_GROUPS,
  PALETTE_MIME,
  type PaletteKind,
} from '../../ui/workflow-graph/node-kinds';

function onDragStart(event: DragEvent, kind: PaletteKind): void {
  event.dataTransfer.setData(PALETTE_MIME, kind);
  event.dataTransfer.setData('text/plain', kind);
  event.dataTransfer.effectAllowed = 'copy';
}

/** Node types to drag onto the canvas; a double-click adds one at the centre. Collapses to a rail of icons. */
export const Palette = memo(function Palette({
  disabled,
  onAdd,
  collapsed,
  onToggle,
}: {
  disabled: boolean;
  onAdd: (kind: PaletteKind) => void;
  collapsed: boolean;
  onToggle(): void;
}) {
  return (
    <div
      className={`designer-palette${collapsed ? ' rail' : ''}`}
      aria-label="Node palette"
      data-testid="designer-palette"
      data-collapsed={collapsed || undefined}
    >
      <button
        type="button"
        className="icon-button designer-palette-toggle"
        title={collapsed ? 'Show the node names' : 'Collapse the palette to icons'}
        aria-label={collapsed ? 'Expand the palette' : 'Collapse the palette'}
        aria-expanded={!collapsed}
        data-testid="designer-palette-toggle"
        onClick={onToggle}
      >
        <Codicon name={collapsed ? 'chevron-right' : 'chevron-left'} />
      </button>
      {PALETTE_GROUPS.map((group) => (
        <div key={group.title} className="designer-palette-group">
          <div className="designer-palette-title">{collapsed ? '' : group.title}</div>
          {group.kinds.map((kind) => {
            const style = KIND_STYLE[kind];
            return (
              <div
                key={kind}
                className={`designer-palette-item ${style.tone}${disabled ? ' disabled' : ''}`}
                data-testid="palette-item"
                data-type={kind}
                draggable={!disabled}
                title={`${style.label}: ${style.hint}. Drag onto the canvas or double-click.`}
                onDragStart={(e) => onDragStart(e, kind)}
                onDoubleClick={() => !disabled && onAdd(kind)}
              >
                <Codicon name={style.icon} />
                {!collapsed && <span>{style.label}</span>}
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
});
