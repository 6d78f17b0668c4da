import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-time';

describe('formatDuration', () => {
  it('shows seconds, minutes and hours', () => {
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(1000, 41_000)).toBe('40 s');
    expect(formatDuration(0 + 1, 600_001)).toBe('10 min');
    expect(formatDuration(1, 3 * 3600_000 + 1)).toBe('3 h');
    expect(formatDuration(1000, undefined, 6000)).toBe('5 s');
  });
});
