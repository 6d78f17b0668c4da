import { useCallback, useState } from 'react';

/** A size or other number the user chose, kept in localStorage within [min, max] (survives reloads), with its setter. */
export function useStoredNumber(
  key: string,
  initial: number,
  min: number,
  max: number,
): [number, (next: number) => void] {
  const [value, setValue] = useState(() => {
    const stored = Number(localStorage.getItem(key));
    return localStorage.getItem(key) !== null && Number.isFinite(stored)
      ? Math.max(min, Math.min(max, stored))
      : initial;
  });
  const set = useCallback(
    (next: number) => {
      const v = Math.max(min, Math.min(max, next));
      localStorage.setItem(key, String(v));
      setValue(v);
    },
    [key, min, max],
  );
  return [value, set];
}
