import { describe, expect, it } from 'vitest';
import type { DebugFrame } from '../../../shared/contract';
import { dottedNameAt, hoverMarkdown, lookUp } from './debug-values';

const frame: DebugFrame = {
  name: 'main',
  path: 'scripts/x.py',
  line: 3,
  locals: [
    {
      name: 'order',
      type: 'Order',
      value: '<Order>',
      children: [
        { name: 'id', type: 'int', value: '7' },
        {
          name: 'meta',
          type: 'dict',
          value: "{'region': 'east'}",
          children: [{ name: "'region'", type: 'str', value: "'east'" }],
        },
      ],
    },
  ],
  globals: [{ name: 'LIMIT', type: 'int', value: '3' }],
};

describe('debugger hover values', () => {
  it('reads the dotted name under the pointer, up to the part pointed at', () => {
    const line = '    total = order.meta.region + LIMIT';
    expect(dottedNameAt(line, line.indexOf('order') + 2)).toEqual({ name: 'order', start: 13, end: 18 });
    expect(dottedNameAt(line, line.indexOf('meta') + 2)?.name).toBe('order.meta');
    expect(dottedNameAt(line, line.indexOf('region') + 2)?.name).toBe('order.meta.region');
    expect(dottedNameAt(line, line.indexOf('+') + 1)).toBeNull();
  });

  it('finds locals first, then module globals, through attributes and dict keys', () => {
    expect(lookUp(frame, 'order.id')?.value).toBe('7');
    expect(lookUp(frame, 'order.meta.region')?.value).toBe("'east'");
    expect(lookUp(frame, 'LIMIT')?.value).toBe('3');
    expect(lookUp(frame, 'order.missing')).toBeUndefined();
    expect(lookUp(frame, 'nothing')).toBeUndefined();
  });

  it('shows a container with its first items', () => {
    expect(hoverMarkdown('order', lookUp(frame, 'order')!)).toBe(
      "```python\norder: Order = <Order>\n  id: 7\n  meta: {'region': 'east'}\n```",
    );
  });
});
