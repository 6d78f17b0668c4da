import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classifyPythonCommand } from '../../shared/task-command';
import { RunnerServiceNode } from './runner-service';
import { makeWorkflow, taskOf, tempWorkspace, waitForEnd } from '../../../tests/support/runner-fixtures';

let ws: ReturnType<typeof tempWorkspace>;
let runner: RunnerServiceNode;

beforeEach(async () => {
  ws = tempWorkspace();
  runner = new RunnerServiceNode({ workspaceRoot: ws.root, parallelism: 4, killGraceMs: 300 });
  await runner.init();
});
afterEach(async () => {
  await runner.dispose();
  ws.dispose();
});

async function runPython(command: string, script?: string): Promise<{ status: string; log: string }> {
  const wf = makeWorkflow({
    tasks: [{ name: 'py', type: 'PYTHON', command, ...(script ? { script } : {}) }],
  });
  const started = await runner.start({ workflow: wf, triggerTime: '2026-11-24 08:00:00' });
  const done = await waitForEnd(runner, started.instanceId);
  return { status: taskOf(done, 'py').status, log: (await runner.readLog(started.instanceId, 'py')) ?? '' };
}

describe('PYTHON success = main() returns 0 (spec §2.3)', () => {
  it('main() returning 0 succeeds and print goes to the log', async () => {
    const r = await runPython('def main():\n    print("hello from main")\n    return 0\n');
    expect(r.status).toBe('SUCCESS');
    expect(r.log).toContain('hello from main');
  });

  it('main() returning -1 fails', async () => {
    const r = await runPython('def main():\n    return -1\n');
    expect(r.status).toBe('FAIL');
    expect(r.log).toContain('main() returned -1');
  });

  it("main() returning 'fail' fails", async () => {
    const r = await runPython("def main():\n    return 'fail'\n");
    expect(r.status).toBe('FAIL');
    expect(r.log).toContain("main() returned 'fail'");
  });

  it('main() returning None or False fails', async () => {
    expect((await runPython('def main():\n    pass\n')).status).toBe('FAIL');
    expect((await runPython('def main():\n    return False\n')).status).toBe('FAIL');
  });

  it('an exception in main() fails with the traceback in the log', async () => {
    const r = await runPython(
      'def helper():\n    raise ValueError("bad input")\n\ndef main():\n    helper()\n    return 0\n',
    );
    expect(r.status).toBe('FAIL');
    expect(r.log).toContain('Traceback');
    expect(r.log).toContain('ValueError: bad input');
  });

  it('a script without main() succeeds on exit code 0 and fails otherwise', async () => {
    expect((await runPython('print("plain script")\n')).status).toBe('SUCCESS');
    expect((await runPython('import sys\nsys.exit(3)\n')).status).toBe('FAIL');
    expect((await runPython('raise RuntimeError("boom")\n')).status).toBe('FAIL');
  });

  it('a __main__ guard does not call main() twice', async () => {
    const r = await runPython(
      'calls = []\ndef main():\n    calls.append(1)\n    print("call", len(calls))\n    return 0 if len(calls) == 1 else -1\n\nif __name__ == "__main__":\n    main()\n',
    );
    expect(r.status).toBe('SUCCESS');
    expect(r.log).toContain('call 1');
    expect(r.log).not.toContain('call 2');
  });

  it('variables are substituted in inline code before it runs', async () => {
    const r = await runPython('def main():\n    print("dt=${cal_dt}")\n    return 0\n');
    expect(r.log).toContain('dt=2026-11-23');
  });

  it('`python3 script.py args` runs the script with main() semantics and shell arguments', async () => {
    mkdirSync(join(ws.root, 'scripts'));
    writeFileSync(
      join(ws.root, 'scripts', 'job.py'),
      'import sys\ndef main():\n    print("args", sys.argv[1:])\n    return 0 if sys.argv[1] == "2026-11-23" else -1\n',
    );
    const ok = await runPython('python3 scripts/job.py ${cal_dt} "two words"', 'scripts/job.py');
    expect(ok.status).toBe('SUCCESS');
    expect(ok.log).toContain("args ['2026-11-23', 'two words']");
    const bad = await runPython('python3 scripts/job.py 1999-01-01', 'scripts/job.py');
    expect(bad.status).toBe('FAIL');
  });

  it('a command naming a workspace file the task does not ship fails as on the backend', async () => {
    mkdirSync(join(ws.root, 'scripts'));
    writeFileSync(join(ws.root, 'scripts', 'job.py'), 'def main():\n    return 0\n');
    const r = await runPython('python3 scripts/job.py');
    expect(r.status).toBe('FAIL');
    expect(r.log).toMatch(/can't open file .*scripts\/job\.py/);
  });

  it('a `script:` task with no command runs the script main()', async () => {
    mkdirSync(join(ws.root, 'scripts'));
    writeFileSync(join(ws.root, 'scripts', 'fail.py'), 'def main():\n    return -1\n');
    const wf = makeWorkflow({ tasks: [{ name: 'py', type: 'PYTHON', script: 'scripts/fail.py' }] });
    const started = await runner.start({ workflow: wf, triggerTime: '2026-11-24 08:00:00' });
    expect(taskOf(await waitForEnd(runner, started.instanceId), 'py').status).toBe('FAIL');
  });
});

describe('classifyPythonCommand', () => {
  it('tells command lines from inline code', () => {
    expect(classifyPythonCommand('python3 scripts/a.py --date 2026-01-01')).toBe('script-line');
    expect(classifyPythonCommand('/usr/bin/python3.11 -u a.py')).toBe('script-line');
    expect(classifyPythonCommand('python3 -m mypkg.job')).toBe('other-line');
    expect(classifyPythonCommand('def main():\n    return 0\n')).toBe('inline-code');
    expect(classifyPythonCommand('print("hi")')).toBe('inline-code');
  });
});
