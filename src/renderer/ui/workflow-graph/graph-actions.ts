import { createContext, useContext } from 'react';

/** What node and edge components may ask of the designer; a stable object, so memoised children stay put. */
export interface GraphActions {
  toggleRerun(from: string, to: string): void;
}

export const GraphActionsContext = createContext<GraphActions>({ toggleRerun: () => {} });

export const useGraphActions = (): GraphActions => useContext(GraphActionsContext);
