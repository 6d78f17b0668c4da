import { resourceFormatOf } from '../../../shared/contract/resources';
import type { MenuEntry } from '../../ui/ContextMenu';
import { showResourceDialog } from '../resources';
import { openHistory } from '../scm';

/** Git and resource actions for a file row (explorer) or a file tab. */
export function fileMenuEntries(path: string): MenuEntry[] {
  const entries: MenuEntry[] = ['separator', { label: 'Open File History', run: () => openHistory(path) }];
  if (resourceFormatOf(path) && !path.endsWith('.resource.yaml')) {
    entries.push({
      label: 'Register as Resource…',
      run: () => showResourceDialog({ kind: 'register', source: path }),
    });
  }
  return entries;
}
