import { describe, expect, it, vi } from 'vitest';
import { tabLabel } from '../../ui/tab-labels';
import { diffTabPath, historyTabPath, parseScmTab } from './scm-tabs';

// Tab paths and labels only: the editor feature (and the Monaco it loads) is not needed.
vi.mock('../editor', () => ({ openFile: vi.fn() }));

describe('scm tabs', () => {
  it('round-trips history and diff tab paths, including nested file paths', () => {
    expect(parseScmTab(historyTabPath('scripts/utils/notify.sh'))).toEqual({
      kind: 'history',
      path: 'scripts/utils/notify.sh',
    });
    const oid = '3fe5b16a'.padEnd(40, '0');
    expect(parseScmTab(diffTabPath('scripts/clean_orders.py', oid, 'WORKTREE'))).toEqual({
      kind: 'diff',
      path: 'scripts/clean_orders.py',
      left: oid,
      right: 'WORKTREE',
    });
    expect(parseScmTab('scripts/clean_orders.py')).toBeNull();
    expect(parseScmTab('bdp:/Publish plan')).toBeNull();
  });

  it('labels the tabs so they do not read like the file itself', () => {
    expect(tabLabel(historyTabPath('scripts/clean_orders.py'))).toBe('History: clean_orders.py');
    expect(tabLabel(diffTabPath('scripts/clean_orders.py', 'HEAD', 'WORKTREE'))).toBe(
      'clean_orders.py (HEAD ↔ Working Tree)',
    );
    expect(tabLabel(diffTabPath('a.sql', 'DISK', 'BUFFER'))).toBe('a.sql (On Disk ↔ Unsaved)');
    expect(tabLabel('scripts/clean_orders.py')).toBeNull();
  });
});
