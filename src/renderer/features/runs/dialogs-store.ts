import { createStore } from '../../app/store';

export type RunsDialog =
  | { kind: 'prerun'; workflow?: string; node?: string; scope?: 'workflow' | 'node' | 'downstream' }
  | { kind: 'backfill'; workflow?: string }
  | { kind: 'passwords' }
  | null;

export const runsDialogStore = createStore<RunsDialog>(null);

export function openRunsDialog(d: RunsDialog): void {
  runsDialogStore.set(d);
}

export function closeRunsDialog(): void {
  runsDialogStore.set(null);
}
