import { useCallback, useEffect, useState, type RefObject } from 'react';

export interface VirtualRange {
  start: number;
  end: number;
}

/** Pure: the rows to render for a scroll position, with `overscan` extra rows each side. */
export function visibleRange(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  count: number,
  overscan = 10,
): VirtualRange {
  const first = Math.floor(scrollTop / rowHeight);
  const visible = Math.ceil(viewport / rowHeight) + 1;
  return { start: Math.max(0, first - overscan), end: Math.min(count, first + visible + overscan) };
}

/** Renders only the rows in view of a fixed-row-height scroll container. */
export function useVirtualRows(
  ref: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
): VirtualRange {
  const [viewport, setViewport] = useState({ top: 0, height: 800 });

  const measure = useCallback(() => {
    const el = ref.current;
    if (el)
      setViewport((v) =>
        v.top === el.scrollTop && v.height === el.clientHeight
          ? v
          : { top: el.scrollTop, height: el.clientHeight },
      );
  }, [ref]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    observer?.observe(el);
    return () => {
      el.removeEventListener('scroll', measure);
      observer?.disconnect();
    };
  }, [ref, measure]);

  return visibleRange(viewport.top, viewport.height, rowHeight, count);
}

/** Scrolls a fixed-height row into view (minimal scroll, or centred when `center`). */
export function scrollRowIntoView(el: HTMLElement, index: number, rowHeight: number, center = false): void {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (center) {
    if (top < el.scrollTop || bottom > el.scrollTop + el.clientHeight)
      el.scrollTop = Math.max(0, top - el.clientHeight / 2 + rowHeight / 2);
  } else if (top < el.scrollTop) {
    el.scrollTop = top;
  } else if (bottom > el.scrollTop + el.clientHeight) {
    el.scrollTop = bottom - el.clientHeight;
  }
}
