import { useEffect } from 'react';
import { subscribeRunEvents } from './runs-store';

/** Keeps the runs store live while a runs component is mounted. */
export function useRunsEvents(): void {
  useEffect(() => subscribeRunEvents(), []);
}
