import { createStore } from './store';

export interface PaletteState {
  open: boolean;
  /** The input text; a leading `>` lists commands, anything else files. */
  value: string;
}

export const paletteStore = createStore<PaletteState>({ open: false, value: '' });

export function showPalette(value: string): void {
  paletteStore.set({ open: true, value });
}

export function hidePalette(): void {
  if (paletteStore.get().open) paletteStore.set({ open: false, value: '' });
}
