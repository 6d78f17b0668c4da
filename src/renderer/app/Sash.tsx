import { useRef } from 'react';

export interface SashProps {
  orientation: 'vertical' | 'horizontal';
  /** Current size of the part being resized. */
  size: number;
  /** +1 when dragging right/down grows the part, -1 when it shrinks it. */
  direction: 1 | -1;
  min: number;
  max: number;
  onResize(size: number): void;
  onReset?(): void;
  className?: string;
}

/** A draggable border between two parts (pointer capture, so the drag survives leaving the 4px strip). */
export function Sash({ orientation, size, direction, min, max, onResize, onReset, className }: SashProps) {
  const start = useRef<{ pos: number; size: number } | null>(null);
  return (
    <div
      className={`sash sash-${orientation}${className ? ' ' + className : ''}`}
      role="separator"
      aria-orientation={orientation}
      onDoubleClick={onReset}
      onPointerDown={(e) => {
        e.preventDefault();
        e.currentTarget.setPointerCapture(e.pointerId);
        start.current = { pos: orientation === 'vertical' ? e.clientX : e.clientY, size };
        document.body.classList.add(`resizing-${orientation}`);
      }}
      onPointerMove={(e) => {
        if (!start.current) return;
        const pos = orientation === 'vertical' ? e.clientX : e.clientY;
        const next = start.current.size + direction * (pos - start.current.pos);
        onResize(Math.round(Math.max(min, Math.min(max, next))));
      }}
      onPointerUp={(e) => {
        start.current = null;
        e.currentTarget.releasePointerCapture(e.pointerId);
        document.body.classList.remove(`resizing-${orientation}`);
      }}
    />
  );
}
