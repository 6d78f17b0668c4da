import { createContext, useContext } from 'react';

/** What node and edge components may ask of the designer; a stable object, so memoised children stay put. */
export interface DesignerActions {
  toggleRerun(from: string, to: string): void;
}

export const DesignerActionsContext = createContext<DesignerActions>({ toggleRerun: () => {} });

export const useDesignerActions = (): DesignerActions => useContext(DesignerActionsContext);
