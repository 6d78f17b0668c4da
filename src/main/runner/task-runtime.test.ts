import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copySample, syncSampleOrders } from '../../../tests/support/warehouse-fixtures';
import { closeTaskRuntime, taskRuntimeEnv } from './task-runtime';

const RESOURCES = join(__dirname, '..', '..', '..', 'resources', 'runner');

let ws: string;
beforeEach(() => {
  ws = copySample();
});
afterEach(() => rmSync(ws, { recursive: true, force: true }));
afterAll(() => closeTaskRuntime());

/** Runs a process to its end without blocking this process, which serves the warehouse socket. */
function exec(
  command: string,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ws, env: env as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A process started the way the runner starts a task: the runtime's PATH, PYTHONPATH and socket. */
async function run(
  command: string,
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return exec(command, args, await taskRuntimeEnv(RESOURCES, ws)({ ...process.env, ...env }));
}

const python = (code: string) => run('python3', ['-c', code]);

describe('the task runtime (hive, canaanhive, the hive and hdfs modules)', () => {
  it('canaanhive and hive on PATH run the sample HQL through bash, as a SHELL task does', async () => {
    await syncSampleOrders(ws);
    const r = await run('bash', [
      '-c',
      'canaanhive -f scripts/aggregate_sales.hql -d 2026-11-23 -E DB=ods -E TARGET_DB=dws && hive -S -e "SELECT count(*) AS n FROM dws.sales_daily"',
    ]);
    expect(r.stderr).toContain('OK: 50 rows');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\| 50 \|/);
  });

  it('a failing statement makes hive exit 1 with the line', async () => {
    const r = await run('bash', ['-c', 'hive -e "SELECT 1;\nSELECT * FROM ods.nope"; echo "exit=$?"']);
    expect(r.stderr).toMatch(/FAILED at line 2 .*nope/);
    expect(r.stdout).toContain('exit=1');
  });

  it('the Python hive module runs DML, counts rows and reads a ResultSet', async () => {
    await syncSampleOrders(ws);
    const r = await python(`
import hive
assert hive.execute("CREATE DATABASE IF NOT EXISTS t") == 0
assert hive.execute("CREATE TABLE IF NOT EXISTS t.big_orders (order_id BIGINT, qty INT) PARTITIONED BY (dt STRING)") == 0
n = hive.executeUpdate("INSERT OVERWRITE TABLE t.big_orders PARTITION (dt='2026-11-23') SELECT order_id, qty FROM ods.orders WHERE dt='2026-11-23' AND qty >= 3")
rs = hive.executeQuery("SELECT count(*) AS n, max(qty) AS top FROM t.big_orders WHERE dt='2026-11-23'")
while rs.next():
    print("written=%d counted=%d top=%d" % (n, rs.getInt(1), rs.getInt("top")))
print("bad=%d" % hive.execute("SELECT * FROM t.nope"))
try:
    hive.executeQuery("SELECT * FROM t.nope")
except hive.HiveError as e:
    print("raised")
`);
    expect(r.stderr).toMatch(/hive\.execute failed: .*nope/);
    const m = /written=(\d+) counted=(\d+) top=(\d+)/.exec(r.stdout);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(0);
    expect(m![1]).toBe(m![2]);
    expect(r.stdout).toContain('bad=-1');
    expect(r.stdout).toContain('raised');
    expect(r.status).toBe(0);
  });

  it('the hdfs module writes under .bdp/hdfs and refuses paths that leave it', async () => {
    writeFileSync(join(ws, 'chart.txt'), 'bars');
    const r = await python(`
import hdfs
print(hdfs.mkdir("/reports/weekly"))
print(hdfs.appendContent("/reports/weekly/w48.md", "# Weekly\\n"))
print(hdfs.appendContent("/reports/weekly/w48.md", "done\\n"))
print(hdfs.put("/reports/weekly", "chart.txt"))
print(hdfs.appendFile("/reports/missing.md", "chart.txt"))
print(hdfs.mkdir("/../../escape"))
hdfs.listDir("/reports/weekly")
`);
    expect(r.stdout.split('\n').slice(0, 6)).toEqual(['0', '0', '0', '0', '-1', '-1']);
    expect(r.stdout).toContain('chart.txt\nw48.md');
    expect(r.stderr).toContain('leaves the HDFS space');
    expect(readFileSync(join(ws, '.bdp', 'hdfs', 'reports', 'weekly', 'w48.md'), 'utf8')).toBe(
      '# Weekly\ndone\n',
    );
  });

  it('only the runner that started the task answers: a wrong token is refused', async () => {
    const r = await run('bash', ['-c', 'hive -e "SELECT 1"'], {});
    expect(r.status).toBe(0);
    const full = await taskRuntimeEnv(RESOURCES, ws)({ ...process.env });
    const bad = await exec('bash', ['-c', 'hive -e "SELECT 1"'], { ...full, BDP_WAREHOUSE_TOKEN: 'guess' });
    expect(bad.stderr).toContain('not authorised');
    expect(bad.status).not.toBe(0);
  });

  it("BDP's secrets in the runner's environment never reach a task process", async () => {
    const r = await run('bash', ['-c', 'env'], {
      BDP_CONN_CRM_PASSWORD: 'pw-123',
      BDP_ENV_PROD_SECRET: 'sk-456',
      BDP_API_TOKEN: 't-789',
      MY_OWN_VAR: 'kept',
    });
    expect(r.stdout).not.toMatch(/pw-123|sk-456|t-789/);
    expect(r.stdout).toContain('MY_OWN_VAR=kept');
    expect(r.stdout).toMatch(/^BDP_WAREHOUSE_TOKEN=/m);
  });

  it('outside a pre-run, hive says why in one line (exit 127)', async () => {
    const full = await taskRuntimeEnv(RESOURCES, ws)({ ...process.env });
    delete full.BDP_WAREHOUSE_SOCKET;
    const r = await exec('bash', ['-c', 'hive -e "SELECT 1"'], full);
    expect(r.status).toBe(127);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('BDP_WAREHOUSE_SOCKET is not set');
  });

  it('submit-pyspark-application runs the local spark-submit with --master local[*], cluster options dropped with a note', async () => {
    const home = join(ws, 'spark');
    mkdirSync(join(home, 'bin'), { recursive: true });
    writeFileSync(join(home, 'bin', 'spark-submit'), '#!/bin/sh\necho "spark-submit $*"\n', { mode: 0o755 });
    const r = await run(
      'bash',
      [
        '-c',
        'submit-pyspark-application --python 3.5 --queue root.etl --num-executors 4 --name kpi --conf spark.x=1 --driver-memory 2G job.py 2026-11-23',
      ],
      { SPARK_HOME: home },
    );
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(
      'spark-submit --master local[*] --name kpi --conf spark.x=1 --driver-memory 2G job.py 2026-11-23',
    );
    expect(r.stderr).toContain('--queue root.etl: cluster option, ignored by a local[*] run');
    expect(r.stderr).toContain('--num-executors 4: cluster option');
  });

  it('submit-pyspark-application without a local Spark fails at once with one line', async () => {
    const r = await run(
      'bash',
      ['-c', 'submit-pyspark-application --queue root.etl --num-executors 4 job.py 2026-11-23'],
      { SPARK_HOME: '', PATH: `/usr/bin:/bin` },
    );
    expect(r.status).toBe(127);
    expect(r.stderr).toContain('no local Spark');
  });
});
