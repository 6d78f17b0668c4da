import type { RemoteCapabilities } from '../../../shared/contract';
import { useStore } from '../../app/store';
import { publishStore } from '../publish';

const NONE: RemoteCapabilities = {
  triggerFromTask: false,
  setEnabled: false,
  rerunInstance: false,
  recoverFailed: false,
  forceSuccess: false,
  backfill: false,
  uploadResources: false,
  minRetriggerGapMs: 0,
};

/** What the selected environment's target can do; the Remote tab shows an action only when it can. */
export function useRemoteCapabilities(): RemoteCapabilities {
  return useStore(
    publishStore,
    (s) => s.environments.find((e) => e.name === s.selected)?.capabilities ?? NONE,
  );
}
