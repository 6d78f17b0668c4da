import { describe, expect, it } from 'vitest';
import { parseFlowGraph, parseInstanceGraph } from './graph';

describe('graph parsing', () => {
  it('accepts the snake_case spellings of the samples', () => {
    const g = parseInstanceGraph(
      JSON.stringify({
        instId: '8435-2021020211',
        id: 8435,
        do_as: 'db',
        tasks: [
          {
            task_name: 'a',
            task_id: '1',
            node_id: 't_1',
            task_inst_id: '1-2021020211',
            status: 'SUCCESS',
            x: 0,
            y: 0,
          },
        ],
      }),
    );
    expect(g.doAs).toBe('db');
    expect(g.tasks[0]).toEqual({
      taskName: 'a',
      taskId: '1',
      nodeId: 't_1',
      taskInstId: '1-2021020211',
      status: 'SUCCESS',
      x: 0,
      y: 0,
    });
    expect(g.flows).toEqual([]);
  });

  it('prefers camelCase when both are present and defaults missing lists', () => {
    const g = parseFlowGraph(JSON.stringify({ name: 'n', doAs: 'camel', do_as: 'snake' }));
    expect(g.doAs).toBe('camel');
    expect(g.relations).toEqual([]);
  });
});
