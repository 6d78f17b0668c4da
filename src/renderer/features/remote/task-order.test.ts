import { describe, expect, it } from 'vitest';
import { orderTasks } from './task-order';

const task = (taskId: string, taskName: string) => ({ id: '', taskId, taskName, state: 'INIT' as const });

describe('orderTasks', () => {
  it('puts upstream tasks first and names them', () => {
    const out = orderTasks(
      [task('3', 'c'), task('1', 'a'), task('2', 'b')],
      [
        { source: '3', target: '1' },
        { source: '1', target: '2' },
      ],
    );
    expect(out.map((o) => [o.task.taskName, o.upstream])).toEqual([
      ['c', []],
      ['a', ['c']],
      ['b', ['a']],
    ]);
  });
});
