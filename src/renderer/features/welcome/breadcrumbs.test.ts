import { describe, expect, it, vi } from 'vitest';

vi.mock('../../platform/services', () => ({ client: {} }));
const { breadcrumbs } = await import('./FolderBrowser');

describe('folder browser breadcrumbs', () => {
  it('splits POSIX paths from the root', () => {
    expect(breadcrumbs('/home/ana/work')).toEqual([
      { label: '/', path: '/' },
      { label: 'home', path: '/home' },
      { label: 'ana', path: '/home/ana' },
      { label: 'work', path: '/home/ana/work' },
    ]);
    expect(breadcrumbs('/')).toEqual([{ label: '/', path: '/' }]);
  });

  it('splits Windows paths from the drive', () => {
    expect(breadcrumbs('C:\\Users\\ana')).toEqual([
      { label: 'C:', path: 'C:\\' },
      { label: 'Users', path: 'C:\\Users' },
      { label: 'ana', path: 'C:\\Users\\ana' },
    ]);
  });
});
