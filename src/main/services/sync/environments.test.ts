import { describe, expect, it } from 'vitest';
import { readEnvironments, removeEnvironment, secretKeyOf, upsertEnvironment } from './environments';

const BASE = `# workspace settings
name: demo   # the name
environments: []            # publish targets
`;
const env = (name: string, accessKey = 'ak') => ({
  name,
  kind: 'enos' as const,
  url: 'https://gw.example',
  options: { orgId: 'o1', userId: 'u1', accessKey },
});

describe('bdp.yaml environments', () => {
  it('adds, replaces by previous name and removes, keeping comments', () => {
    let text = upsertEnvironment(BASE, env('prod'));
    expect(text).toContain('# workspace settings');
    expect(text).toContain('# the name');
    expect(readEnvironments(text).map((e) => e.name)).toEqual(['prod']);
    text = upsertEnvironment(text, env('test'));
    text = upsertEnvironment(text, env('production'), 'prod');
    expect(readEnvironments(text).map((e) => e.name)).toEqual(['production', 'test']);
    expect(() => upsertEnvironment(text, env('test'), 'production')).toThrow(/already exists/);
    text = removeEnvironment(text, 'test');
    expect(readEnvironments(text).map((e) => e.name)).toEqual(['production']);
    expect(() => removeEnvironment(text, 'nope')).toThrow(/no environment/);
  });

  it('refuses an option that looks like a secret', () => {
    expect(() => upsertEnvironment(BASE, { ...env('x'), options: { secretKey: 's' } })).toThrow(/secret/);
  });

  it('keys secrets by credential, not by environment name', () => {
    expect(secretKeyOf(env('a'))).toBe(secretKeyOf(env('b')));
    expect(secretKeyOf(env('a'))).not.toBe(secretKeyOf(env('a', 'other')));
  });
});
