import { useStore } from '../../app/store';
import { BackfillDialog } from './BackfillDialog';
import { ConnectionPasswordsDialog } from './ConnectionPasswordsDialog';
import { runsDialogStore } from './dialogs-store';
import { PreRunDialog } from './PreRunDialog';

/** The pre-run and backfill dialogs, wherever they were asked for (side bar or instance tab). */
export function RunsDialogs() {
  const d = useStore(runsDialogStore, (s) => s);
  if (d?.kind === 'prerun') return <PreRunDialog initial={d} />;
  if (d?.kind === 'backfill') return <BackfillDialog initial={d} />;
  if (d?.kind === 'passwords') return <ConnectionPasswordsDialog />;
  return null;
}
