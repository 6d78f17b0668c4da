import { describe, expect, it } from 'vitest';
import { decideDiskChange } from './disk-change';

const base = { baseVersion: 'v1', diskVersion: 'v2', diskText: 'disk', editorText: 'mine' };

describe('decideDiskChange', () => {
  it('ignores the echo of our own save', () => {
    expect(decideDiskChange({ ...base, dirty: true, diskVersion: 'v1' })).toBe('ignore');
  });
  it('reloads silently when there are no unsaved edits', () => {
    expect(decideDiskChange({ ...base, dirty: false })).toBe('reload');
  });
  it('asks when unsaved edits would be lost', () => {
    expect(decideDiskChange({ ...base, dirty: true })).toBe('prompt');
  });
  it('only takes the new version when the disk already has the same text', () => {
    expect(decideDiskChange({ ...base, dirty: true, diskText: 'mine' })).toBe('adopt-version');
  });
});
