import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleRunner, capturedRunIo, workspaceWith } from '../../../tests/support/runner-process-fixtures';
import { derivedAppId } from '../services/runner/app-identity';
import { runCommand, RUN_EXIT, type RunCommandIo } from './run';

let bundle: { modulePath: string; dispose: () => void };
beforeAll(async () => {
  bundle = await bundleRunner();
});
afterAll(() => bundle.dispose());

const io = (): RunCommandIo & { out: string[]; err: string[] } =>
  capturedRunIo(bundle.modulePath, { killGraceMs: 300, lockPollMs: 100 });

interface TaskJson {
  name: string;
  status: string;
  reason?: string;
  startTime: string;
  endTime: string;
  source?: { kind: string; version?: string; sha256: string; file: string };
  log: string;
}
const json = (o: { out: string[] }) =>
  JSON.parse(o.out.join('')) as { status: string; workingCopy: boolean; tasks: TaskJson[] };
const logOf = (t: TaskJson) => readFileSync(t.log, 'utf8');

const git = (root: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@x', ...args], {
    cwd: root,
    encoding: 'utf8',
  }).trim();

/** Commits everything, then appends a version of `path` at that commit to the resource file. */
function cutVersion(root: string, resource: string, format: string, path: string, version: string): void {
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', `${resource} ${version}`);
  const commit = git(root, 'rev-parse', 'HEAD');
  const bytes = readFileSync(join(root, path));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = join(root, 'resources', `${resource}.resource.yaml`);
  mkdirSync(join(root, 'resources'), { recursive: true });
  writeFileSync(
    file,
    `name: ${resource}\nformat: ${format}\nsource: ${path}\nversions:\n  - version: ${version}\n    commit: ${commit}\n    path: ${path}\n    sha256: ${sha256}\n    size: ${bytes.length}\n    createdAt: 2026-12-01T00:00:00Z\n`,
  );
}

const KPI_WORKFLOW = `name: kpi
schedule: { type: manual }
tasks:
  - name: kpi
    type: PYTHON
    command: python3 daily_kpi.py \${cal_dt}
    resource: { name: daily_kpi, version: V1.0.0 }
`;

describe('pre-run parity (bdp run, real runner processes and git)', () => {
  it('a resource-bound task runs its pinned version, not the edited working copy, unless --working-copy', async () => {
    const ws = workspaceWith({
      'scripts/daily_kpi.py': 'import sys\ndef main():\n    print("kpi v1 for", sys.argv[1])\n    return 0\n',
      'workflows/kpi.workflow.yaml': KPI_WORKFLOW,
    });
    try {
      git(ws.root, 'init', '-q');
      cutVersion(ws.root, 'daily_kpi', 'py', 'scripts/daily_kpi.py', 'V1.0.0');
      writeFileSync(
        join(ws.root, 'scripts', 'daily_kpi.py'),
        'def main():\n    print("kpi v2 (not committed)")\n    return 0\n',
      );

      const pinned = io();
      expect(await runCommand('kpi', { date: '2026-11-23', json: true, workspace: ws.root }, pinned)).toBe(
        RUN_EXIT.success,
      );
      const t = json(pinned).tasks[0];
      expect(t.source).toMatchObject({ kind: 'resource', version: 'V1.0.0', file: 'daily_kpi.py' });
      const log = logOf(t);
      expect(log).toContain('kpi v1 for 2026-11-23');
      expect(log).toMatch(
        /working directory: resource daily_kpi V1\.0\.0 \(sha256 [0-9a-f]{12}…\) → daily_kpi\.py/,
      );
      expect(json(pinned).workingCopy).toBe(false);

      const working = io();
      expect(
        await runCommand(
          'kpi',
          { date: '2026-11-23', json: true, workspace: ws.root, workingCopy: true },
          working,
        ),
      ).toBe(RUN_EXIT.success);
      expect(json(working).workingCopy).toBe(true);
      expect(json(working).tasks[0].source).toMatchObject({ kind: 'working-copy', file: 'daily_kpi.py' });
      expect(logOf(json(working).tasks[0])).toContain('kpi v2 (not committed)');
    } finally {
      ws.dispose();
    }
  });

  it('a zip version is unpacked next to itself: `sh predict.sh` finds predict.py', async () => {
    const ws = workspaceWith({
      'workflows/model.workflow.yaml': `name: model\nschedule: { type: manual }\ntasks:\n  - name: predict\n    type: SHELL\n    command: sh predict.sh\n    resource: { name: model, version: V1.0.0 }\n`,
      'model/predict.sh': 'python3 predict.py\n',
      'model/predict.py': 'print("predicted from the zip")\n',
    });
    try {
      git(ws.root, 'init', '-q');
      execFileSync('zip', [
        '-q',
        '-j',
        join(ws.root, 'models.zip'),
        join(ws.root, 'model', 'predict.sh'),
        join(ws.root, 'model', 'predict.py'),
      ]);
      cutVersion(ws.root, 'model', 'zip', 'models.zip', 'V1.0.0');
      const o = io();
      expect(await runCommand('model', { json: true, workspace: ws.root }, o)).toBe(RUN_EXIT.success);
      expect(logOf(json(o).tasks[0])).toContain('predicted from the zip');
    } finally {
      ws.dispose();
    }
  });

  it('a version that cannot be had fails that task with the reason, before anything runs', async () => {
    const ws = workspaceWith({
      'scripts/daily_kpi.py': 'def main():\n    return 0\n',
      'workflows/kpi.workflow.yaml': KPI_WORKFLOW.replace('V1.0.0', 'V9.9.9'),
    });
    try {
      git(ws.root, 'init', '-q');
      cutVersion(ws.root, 'daily_kpi', 'py', 'scripts/daily_kpi.py', 'V1.0.0');
      const o = io();
      expect(await runCommand('kpi', { json: true, workspace: ws.root }, o)).toBe(RUN_EXIT.failed);
      expect(json(o).tasks[0].reason).toContain(
        'resource daily_kpi has no version V9.9.9 (versions: V1.0.0)',
      );
    } finally {
      ws.dispose();
    }
  });

  it('${env.APP_CUSTOMER} / ${env.APP_ID} resolve from bdp.yaml or its defaults; ${env.NOPE} stops before bash', async () => {
    const wf = (cmd: string) =>
      `name: app\nschedule: { type: manual }\ntasks:\n  - name: t\n    type: SHELL\n    command: ${JSON.stringify(cmd)}\n`;
    const ws = workspaceWith({
      'workflows/app.workflow.yaml': wf('echo "customer=${env.APP_CUSTOMER} app=${env.APP_ID}"'),
    });
    try {
      const o = io();
      expect(await runCommand('app', { json: true, workspace: ws.root }, o)).toBe(RUN_EXIT.success);
      expect(logOf(json(o).tasks[0])).toContain(`customer=runs-test app=${derivedAppId('runs-test')}`);

      writeFileSync(
        join(ws.root, 'bdp.yaml'),
        'name: runs-test\nprerun:\n  appCustomer: CLP\n  appId: a22b94f9-0000-0000-0000-000000000000\n',
      );
      const set = io();
      expect(await runCommand('app', { json: true, workspace: ws.root }, set)).toBe(RUN_EXIT.success);
      expect(logOf(json(set).tasks[0])).toContain('customer=CLP app=a22b94f9-0000-0000-0000-000000000000');

      writeFileSync(join(ws.root, 'workflows', 'app.workflow.yaml'), wf('echo started; echo ${env.NOPE}'));
      const bad = io();
      expect(await runCommand('app', { json: true, workspace: ws.root }, bad)).toBe(RUN_EXIT.failed);
      const log = logOf(json(bad).tasks[0]);
      expect(log).toContain('${env.NOPE}: neither a system variable nor a parameter');
      expect(log).not.toContain('bad substitution\n');
      expect(log).not.toMatch(/^started$/m);
    } finally {
      ws.dispose();
    }
  });

  it('--external-app record logs the request and succeeds without sending it', async () => {
    const ws = workspaceWith({
      'workflows/notify.workflow.yaml': `name: notify\nschedule: { type: manual }\ntasks:\n  - name: call\n    type: EXTERNAL_APP\n    app: { domain: "http://127.0.0.1:9", command: /notify, method: POST, body: '{"date":"\${cal_dt}"}' }\n`,
    });
    try {
      const sent = io();
      expect(await runCommand('notify', { date: '2026-11-23', json: true, workspace: ws.root }, sent)).toBe(
        RUN_EXIT.failed,
      );
      const recorded = io();
      expect(
        await runCommand(
          'notify',
          { date: '2026-11-23', json: true, workspace: ws.root, externalApp: 'record' },
          recorded,
        ),
      ).toBe(RUN_EXIT.success);
      const log = logOf(json(recorded).tasks[0]);
      expect(log).toContain('> POST http://127.0.0.1:9/notify');
      expect(log).toContain('"date":"2026-11-23"');
      expect(log).toContain('recorded, not sent');
      expect(recorded.err.join('')).toContain('External APP calls recorded');
    } finally {
      ws.dispose();
    }
  });

  it('two bdp run of one workflow do not overlap: the second waits and says so', async () => {
    const ws = workspaceWith({
      'workflows/nap.workflow.yaml': `name: nap\nschedule: { type: manual }\ntasks:\n  - name: nap\n    type: SHELL\n    command: sleep 1.5\n`,
    });
    try {
      const first = io();
      const second = io();
      const a = runCommand('nap', { date: '2026-11-01', json: true, workspace: ws.root }, first);
      await new Promise((r) => setTimeout(r, 700));
      const b = runCommand('nap', { date: '2026-11-02', json: true, workspace: ws.root }, second);
      expect(await Promise.all([a, b])).toEqual([0, 0]);
      const ta = json(first).tasks[0];
      const tb = json(second).tasks[0];
      expect(Date.parse(tb.startTime)).toBeGreaterThanOrEqual(Date.parse(ta.endTime));
      expect(second.err.join('')).toMatch(
        /waiting for instance nap-20261102000000 of this workflow, running in another process \(bdp run, pid \d+\)/,
      );
    } finally {
      ws.dispose();
    }
  });

  it('a lock left by a killed process is taken over', async () => {
    const ws = workspaceWith({
      'workflows/quick.workflow.yaml': `name: quick\nschedule: { type: manual }\ntasks:\n  - name: q\n    type: SHELL\n    command: echo quick\n`,
    });
    try {
      const dead = spawn(process.execPath, ['-e', '0']);
      await new Promise((r) => dead.on('exit', r));
      mkdirSync(join(ws.root, '.bdp', 'runs', 'quick'), { recursive: true });
      writeFileSync(
        join(ws.root, '.bdp', 'runs', 'quick', '.lock'),
        JSON.stringify({
          pid: dead.pid,
          host: (await import('node:os')).hostname(),
          instanceId: 'quick-20261101000000',
          owner: 'bdp run',
          since: '2026-12-01T00:00:00Z',
        }),
      );
      const o = io();
      expect(await runCommand('quick', { json: true, workspace: ws.root }, o)).toBe(RUN_EXIT.success);
      expect(o.err.join('')).not.toContain('waiting for instance');
    } finally {
      ws.dispose();
    }
  });
});

describe('bdp run when its runner dies', () => {
  it('exits 1 with the reason instead of waiting forever', async () => {
    const ws = workspaceWith({
      'workflows/long.workflow.yaml':
        'name: long\nschedule: { type: manual }\ntasks:\n  - name: long\n    type: SHELL\n    command: sleep 60\n',
    });
    try {
      const o = io();
      const run = runCommand('long', { date: '2026-11-01', json: true, workspace: ws.root }, o);
      const record = join(ws.root, '.bdp', 'runs', 'long', 'long-20261102000000', 'instance.json');
      let pid = 0;
      await expect
        .poll(
          () => {
            try {
              const inst = JSON.parse(readFileSync(record, 'utf8')) as {
                owner?: { pid: number };
                tasks: { status: string }[];
              };
              pid = inst.tasks[0].status === 'RUNNING' ? (inst.owner?.pid ?? 0) : 0;
            } catch {
              pid = 0;
            }
            return pid;
          },
          { timeout: 15_000 },
        )
        .toBeGreaterThan(0);
      process.kill(pid, 'SIGKILL');
      expect(await run).toBe(RUN_EXIT.failed);
      expect(o.err.join('')).toContain(
        'FAIL: the runner process exited (SIGKILL) while this instance was running',
      );
      expect(json(o).status).toBe('FAIL');
    } finally {
      ws.dispose();
    }
  });
});
