import { useEffect, useState } from 'react';
import type { RecentWorkspace } from '../../../shared/contract';
import { notifyError } from '../../app/notifications';
import { client } from '../../platform/services';

/** Recently opened workspaces, newest first; null while loading. */
export function useRecent(): RecentWorkspace[] | null {
  const [recent, setRecent] = useState<RecentWorkspace[] | null>(null);
  useEffect(() => {
    let live = true;
    client.workspace.listRecent().then(
      (list) => live && setRecent(list),
      (error) => {
        if (live) setRecent([]);
        notifyError(error, 'Could not read the recent workspaces');
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return recent;
}
