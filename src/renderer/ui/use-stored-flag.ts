import { useCallback, useState } from 'react';

/** A boolean UI choice kept in localStorage (survives reloads and restarts), with its setter. */
export function useStoredFlag(
  key: string,
  initial: boolean,
): [boolean, (next: boolean | ((prev: boolean) => boolean)) => void] {
  const [value, setValue] = useState(() => {
    const stored = localStorage.getItem(key);
    return stored === null ? initial : stored === 'true';
  });
  const set = useCallback(
    (next: boolean | ((prev: boolean) => boolean)) =>
      setValue((prev) => {
        const v = typeof next === 'function' ? next(prev) : next;
        localStorage.setItem(key, String(v));
        return v;
      }),
    [key],
  );
  return [value, set];
}
