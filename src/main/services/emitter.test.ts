import { describe, expect, it } from 'vitest';
import { Emitter } from '../../shared/emitter';

describe('Emitter', () => {
  it('delivers to listeners until they unsubscribe or it is disposed', () => {
    const e = new Emitter<number>();
    const got: number[] = [];
    const f = (n: number): void => void got.push(n);
    const off1 = e.event(f);
    e.event(f);
    e.fire(1);
    off1();
    off1();
    e.fire(2);
    e.dispose();
    e.fire(3);
    expect(got).toEqual([1, 1, 2]);
    expect(e.hasListeners).toBe(false);
  });

  it('keeps delivering when a listener throws', () => {
    const e = new Emitter<string>();
    const got: string[] = [];
    e.event(() => {
      throw new Error('boom');
    });
    e.event((s) => got.push(s));
    const original = console.error;
    console.error = () => {};
    try {
      e.fire('x');
    } finally {
      console.error = original;
    }
    expect(got).toEqual(['x']);
  });
});
