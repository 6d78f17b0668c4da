import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ScriptDebugState,
  ScriptRunArgs,
  ScriptRunEnd,
  SqlStatementResult,
} from '../../../shared/contract/runner';
import { findRunnerResources } from '../runner-service';
import { isAlive, tempWorkspace } from '../../../../tests/support/runner-fixtures';
import { ScriptRunner } from './script-runner';
import type { ScriptEvent } from '../../../shared/runner-protocol';

let ws: ReturnType<typeof tempWorkspace>;
let runner: ScriptRunner;
let events: ScriptEvent[];

beforeEach(() => {
  ws = tempWorkspace();
  writeFileSync(join(ws.root, 'bdp.yaml'), 'name: t\n');
  runner = new ScriptRunner({
    workspaceRoot: ws.root,
    resourcesDir: findRunnerResources(__dirname)!,
    killGraceMs: 300,
  });
  events = [];
  runner.onDidScriptEvent((e) => events.push(e));
});
afterEach(async () => {
  await runner.dispose();
  ws.dispose();
});

const output = (runId: string): string =>
  events
    .filter(
      (e): e is Extract<ScriptEvent, { kind: 'output' }> => e.kind === 'output' && e.payload.runId === runId,
    )
    .map((e) => e.payload.text)
    .join('');

async function until<T>(pick: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = pick();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out; events: ${JSON.stringify(events).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const endOf = (runId: string): Promise<ScriptRunEnd> =>
  until(
    () =>
      events.find(
        (e): e is Extract<ScriptEvent, { kind: 'end' }> => e.kind === 'end' && e.payload.runId === runId,
      )?.payload,
  );

async function run(
  args: Partial<ScriptRunArgs> & Pick<ScriptRunArgs, 'text' | 'language'>,
): Promise<{ end: ScriptRunEnd; out: string; runId: string }> {
  const info = await runner.run({
    path:
      args.language === 'python'
        ? 'scripts/job.py'
        : args.language === 'shell'
          ? 'scripts/job.sh'
          : 'scripts/q.sql',
    ...args,
  });
  const end = await endOf(info.runId);
  return { end, out: output(info.runId), runId: info.runId };
}

describe('Python runs (EnOS main() semantics)', () => {
  it('main() returning 0 succeeds, printing with variables and parameters substituted', async () => {
    const r = await run({
      language: 'python',
      text: 'def main():\n    print("dt=${cal_dt} region=${region}")\n    return 0\n',
      businessDate: '2026-11-23',
      parameters: { region: 'eu' },
    });
    expect(r.end.status).toBe('success');
    expect(r.end.exitCode).toBe(0);
    expect(r.out).toContain('dt=2026-11-23 region=eu');
  });

  it('main() returning 2 fails with exit code 1 and says why', async () => {
    const r = await run({ language: 'python', text: 'def main():\n    return 2\n' });
    expect(r.end.status).toBe('failure');
    expect(r.end.exitCode).toBe(1);
    expect(r.out).toContain('main() returned 2');
  });

  it('a script without main() succeeds on exit code 0 and fails on sys.exit(3)', async () => {
    expect((await run({ language: 'python', text: 'print("plain")\n' })).end.status).toBe('success');
    const bad = await run({ language: 'python', text: 'import sys\nsys.exit(3)\n' });
    expect(bad.end).toMatchObject({ status: 'failure', exitCode: 3 });
  });

  it('a traceback puts a marker on the failing line of the file, also for a selection', async () => {
    const r = await run({
      language: 'python',
      text: 'def helper():\n    raise ValueError("bad input")\n\ndef main():\n    helper()\n    return 0\n',
    });
    expect(r.end.markers).toEqual([{ path: 'scripts/job.py', line: 2, message: 'ValueError: bad input' }]);
    const sel = await run({ language: 'python', text: '    x = 1\n    y = x / 0\n', firstLine: 10 });
    expect(sel.end.markers).toEqual([
      { path: 'scripts/job.py', line: 11, message: 'ZeroDivisionError: division by zero' },
    ]);
  });

  it('a syntax error is marked on its line', async () => {
    const r = await run({ language: 'python', text: 'x = 1\nif x = 2:\n    pass\n' });
    expect(r.end.status).toBe('failure');
    expect(r.end.markers[0]).toMatchObject({ line: 2 });
    expect(r.end.markers[0].message).toMatch(/SyntaxError/);
  });

  it('arguments are substituted and split like a shell; sibling modules import', async () => {
    mkdirSync(join(ws.root, 'scripts'));
    writeFileSync(join(ws.root, 'scripts', 'helpers.py'), 'def twice(x):\n    return x * 2\n');
    const r = await run({
      language: 'python',
      text: 'import sys\nfrom helpers import twice\ndef main():\n    print(sys.argv[1:], twice(21))\n    return 0\n',
      args: '--date ${cal_dt} "two words"',
      businessDate: '2026-01-31',
    });
    expect(r.out).toContain("['--date', '2026-01-31', 'two words'] 42");
  });

  it('uses the configured interpreter and reports one that does not exist', async () => {
    const info = await runner.run({
      path: 'a.py',
      text: 'print(1)\n',
      language: 'python',
      python: '/nonexistent/python9',
    });
    const end = await endOf(info.runId);
    expect(end.status).toBe('failure');
    expect(end.message).toMatch(/could not start/);
  });
});

describe('Shell runs', () => {
  it('runs through bash with exit code and a `line N:` marker', async () => {
    const r = await run({
      language: 'shell',
      text: 'echo "hello ${cal_dt}"\nno_such_command_xyz\nexit 4\n',
      businessDate: '2026-11-23',
    });
    expect(r.out).toContain('hello 2026-11-23');
    expect(r.end).toMatchObject({ status: 'failure', exitCode: 4 });
    expect(r.end.markers).toEqual([
      { path: 'scripts/job.sh', line: 2, message: 'no_such_command_xyz: command not found' },
    ]);
  });

  it('stop kills the whole tree, including a grandchild that ignores SIGTERM', async () => {
    const pidFile = join(ws.root, 'grandchild.pid');
    const info = await runner.run({
      path: 'scripts/long.sh',
      language: 'shell',
      text: `bash -c 'trap "" TERM; echo $$ > ${pidFile}; while true; do sleep 0.1; done' &\necho started\nwait\n`,
    });
    await until(() => (output(info.runId).includes('started') ? true : undefined));
    const grandchild = Number(
      await until(() => {
        try {
          return readFileSync(pidFile, 'utf8').trim() || undefined;
        } catch {
          return undefined;
        }
      }),
    );
    expect(isAlive(grandchild)).toBe(true);
    await runner.stop(info.runId);
    const end = await endOf(info.runId);
    expect(end.status).toBe('stopped');
    await until(() => (isAlive(grandchild) ? undefined : true), 5000);
  });

  it('refuses a second run of the same file while the first runs', async () => {
    const info = await runner.run({ path: 'scripts/s.sh', language: 'shell', text: 'sleep 5\n' });
    await expect(
      runner.run({ path: 'scripts/s.sh', language: 'shell', text: 'true\n' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await runner.stop(info.runId);
  });

  it('refuses paths outside the workspace', async () => {
    await expect(runner.run({ path: '../x.sh', language: 'shell', text: 'true\n' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('trace mode reports each executed line of the file', async () => {
    const info = await runner.run({
      path: 'scripts/t.sh',
      language: 'shell',
      mode: 'trace',
      text: 'a=1\nif [ "$a" = 1 ]; then\n  echo one\nfi\necho done\n',
    });
    const end = await endOf(info.runId);
    expect(end.status).toBe('success');
    const lines = events.flatMap((e) =>
      e.kind === 'trace' && e.payload.runId === info.runId ? e.payload.lines : [],
    );
    expect(lines).toEqual([1, 2, 3, 5]);
    expect(output(info.runId)).toContain('+ 3: echo one');
  });
});

describe('SQL runs against the local warehouse', () => {
  const results = (runId: string): SqlStatementResult[] =>
    events.flatMap((e) => (e.kind === 'sql' && e.payload.runId === runId ? [e.payload] : []));

  it('returns a grid capped at 3,000 rows with the real row count', async () => {
    const r = await run({
      language: 'sql',
      text: "select 'x' as a;\nselect range as n, range * 2 as twice from range(5000);\n",
    });
    expect(r.end.status).toBe('success');
    const grid = results(r.runId);
    expect(grid.map((g) => g.line)).toEqual([1, 2]);
    expect(grid[1]).toMatchObject({ kind: 'rows', columns: ['n', 'twice'], rowCount: 5000, truncated: true });
    expect(grid[1].rows).toHaveLength(3000);
  });

  it('an error stops the run with a marker on the statement line', async () => {
    const r = await run({ language: 'sql', text: 'select 1;\n\nselect *\nfrom no_such_table;\nselect 2;\n' });
    expect(r.end.status).toBe('failure');
    expect(r.end.markers[0].line).toBe(4);
    expect(results(r.runId).map((g) => g.kind)).toEqual(['rows', 'error']);
  });

  it('runs only the statement at the cursor line', async () => {
    const r = await run({
      language: 'hql',
      text: 'select 1 as a;\nselect 2 as b,\n  3 as c;\n',
      statementAtLine: 3,
    });
    expect(results(r.runId)).toHaveLength(1);
    expect(results(r.runId)[0]).toMatchObject({ line: 2, columns: ['b', 'c'] });
  });
});

describe('Python debugger (bdb driver)', () => {
  const SCRIPT =
    'def add(a, b):\n    c = a + b\n    return c\n\ndef main():\n    x = 1\n    y = add(x, 2)\n    print("y", y)\n    return 0\n';
  const stops = (runId: string): ScriptDebugState[] =>
    events.flatMap((e) =>
      e.kind === 'debug' && e.payload.runId === runId && e.payload.state === 'paused' ? [e.payload] : [],
    );
  const nextStop = (runId: string, n: number): Promise<ScriptDebugState> => until(() => stops(runId)[n - 1]);

  it('stops at a breakpoint with locals, steps in/over/out and continues to the end', async () => {
    const info = await runner.run({
      path: 'scripts/dbg.py',
      language: 'python',
      mode: 'debug',
      text: SCRIPT,
      breakpoints: [6],
    });
    let s = await nextStop(info.runId, 1);
    expect(s).toMatchObject({ reason: 'breakpoint', path: 'scripts/dbg.py', line: 6 });
    expect(s.frames!.map((f) => f.name)).toEqual(['main']);
    runner.debugCommand(info.runId, 'next');
    s = await nextStop(info.runId, 2);
    expect(s.line).toBe(7);
    expect(s.frames![0].locals).toEqual([{ name: 'x', type: 'int', value: '1' }]);
    expect(s.frames![0].globals).toEqual([]);
    runner.debugCommand(info.runId, 'step');
    s = await nextStop(info.runId, 3);
    expect(s).toMatchObject({ line: 2 });
    expect(s.frames!.map((f) => `${f.name}:${f.line}`)).toEqual(['add:2', 'main:7']);
    expect(s.frames![0].locals.map((v) => `${v.name}=${v.value}`)).toEqual(['a=1', 'b=2']);
    runner.debugCommand(info.runId, 'return');
    s = await nextStop(info.runId, 4);
    expect(s).toMatchObject({ line: 8 });
    expect(s.frames![0].locals).toContainEqual({ name: 'y', type: 'int', value: '3' });
    expect(() => runner.debugCommand('nope', 'next')).toThrow(/no debug session/);
    runner.debugCommand(info.runId, 'continue');
    const end = await endOf(info.runId);
    expect(end).toMatchObject({ status: 'success', exitCode: 0 });
    expect(output(info.runId)).toContain('y 3');
    expect(stops(info.runId)).toHaveLength(4);
  });

  it('breakpoints set while paused apply; main() semantics hold under the debugger', async () => {
    const info = await runner.run({
      path: 'scripts/dbg.py',
      language: 'python',
      mode: 'debug',
      text: SCRIPT.replace('return 0', 'return 5'),
      breakpoints: [6],
    });
    await nextStop(info.runId, 1);
    runner.setBreakpoints(info.runId, 'scripts/dbg.py', [3]);
    runner.debugCommand(info.runId, 'continue');
    const s = await nextStop(info.runId, 2);
    expect(s).toMatchObject({ reason: 'breakpoint', line: 3 });
    runner.debugCommand(info.runId, 'continue');
    expect(await endOf(info.runId)).toMatchObject({ status: 'failure', exitCode: 1 });
  });

  it('nested values two levels deep, module globals, and a debug console in the paused frame', async () => {
    const info = await runner.run({
      path: 'scripts/dbg.py',
      language: 'python',
      mode: 'debug',
      text: [
        'LIMIT = 3',
        'class Order:',
        '    def __init__(self):',
        '        self.id = 7',
        '        self.lines = [{"sku": "A", "qty": 2}]',
        'def main():',
        '    order = Order()',
        '    rows = list(range(60))',
        '    return 0',
        '',
      ].join('\n'),
      breakpoints: [9],
    });
    const s = await nextStop(info.runId, 1);
    const [frame] = s.frames!;
    const order = frame.locals.find((v) => v.name === 'order')!;
    expect(order.type).toBe('Order');
    expect(order.children!.map((c) => `${c.name}=${c.value}`)).toEqual([
      'id=7',
      "lines=[{'sku': 'A', 'qty': 2}]",
    ]);
    expect(order.children![1].children![0]).toMatchObject({ name: '[0]', type: 'dict' });
    const rows = frame.locals.find((v) => v.name === 'rows')!;
    expect(rows.children).toHaveLength(50);
    expect(rows.more).toBe(10);
    expect(frame.globals).toContainEqual({ name: 'LIMIT', type: 'int', value: '3' });
    expect(frame.globals.map((g) => g.name)).not.toContain('Order'); // classes are not values

    expect(await runner.evaluate(info.runId, 'order.lines[0]["qty"] * LIMIT', 0)).toEqual({
      result: { name: 'order.lines[0]["qty"] * LIMIT', type: 'int', value: '6' },
    });
    expect(await runner.evaluate(info.runId, 'order.missing', 0)).toEqual({
      error: "AttributeError: 'Order' object has no attribute 'missing'",
    });
    expect(await runner.evaluate(info.runId, 'LIMIT = 4', 0)).toMatchObject({ result: { value: 'None' } });
    expect((await runner.evaluate(info.runId, 'LIMIT', 0)).result?.value).toBe('4');
    expect(await runner.evaluate(info.runId, 'x', 5)).toEqual({ error: 'no such frame' });
    runner.debugCommand(info.runId, 'continue');
    expect(await endOf(info.runId)).toMatchObject({ status: 'success' });
    expect(() => runner.evaluate(info.runId, 'LIMIT', 0)).toThrow(/no debug session/);
  });

  it('stop ends a paused session', async () => {
    const info = await runner.run({
      path: 'scripts/dbg.py',
      language: 'python',
      mode: 'debug',
      text: SCRIPT,
      breakpoints: [6],
    });
    await nextStop(info.runId, 1);
    await runner.stop(info.runId);
    expect((await endOf(info.runId)).status).toBe('stopped');
  });
});
