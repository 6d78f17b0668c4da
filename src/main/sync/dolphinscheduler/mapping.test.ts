import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWorkflow, type Workflow } from '../../../shared/model';
import { sampleWorkspacePath } from '../../../../tests/support/publish-fixtures';
import { DS_API_VERSIONS, TASK_STATES, toInternalJson, toWireJson, WORKFLOW_STATES } from './api-version';
import { dsTaskState, dsWorkflowState } from './operations';
import {
  dsBuiltin,
  fromDsDefinition,
  NO_RERUN_LABEL,
  systemVariablesUsed,
  toDsDefinition,
  toDsSchedule,
  type DsMappingContext,
} from './mapping';
import type { DsDagData } from './types';

async function sample(name: string): Promise<Workflow> {
  const file = `workflows/retail/${name}.workflow.yaml`;
  return parseWorkflow(await readFile(path.join(sampleWorkspacePath(), file), 'utf8'), file).workflow!;
}

const ctx = (workflows: DsMappingContext['workflows'] = new Map()): DsMappingContext => ({
  projectCode: 7,
  resourceRoot: 'file:/dolphinscheduler/default/resources/',
  prefix: 'bdp/ws/',
  timezone: 'Asia/Shanghai',
  workflows,
  cycles: new Map([['daily_orders', 'D']]),
  resourceFiles: {
    'clean_orders@V1.0.0': 'clean_orders.py',
    'aggregate_sales@V1.0.0': 'aggregate_sales.hql',
    'weekly_report@V1.0.0': 'weekly_report.py',
    'notify@V1.0.0': 'notify.sh',
  },
});

function codesFor(wf: Workflow): Map<string, number> {
  return new Map([...wf.references, ...wf.tasks].map((n, i) => [n.name, 1000 + i]));
}

function dagOf(wf: Workflow, c: DsMappingContext): DsDagData {
  const { body } = toDsDefinition(wf, c, codesFor(wf));
  return {
    processDefinition: {
      code: 1,
      name: body.name,
      version: 1,
      releaseState: 'ONLINE',
      description: body.description,
      globalParams: JSON.stringify(body.globalParams),
      locations: JSON.stringify(body.locations),
      timeout: 0,
      executionType: 'PARALLEL',
    },
    processTaskRelationList: body.taskRelationJson,
    taskDefinitionList: body.taskDefinitionJson,
  };
}

/** What DolphinScheduler cannot hold (docs/decisions.md "DolphinScheduler"): alert mode and owners. */
const lossless = (wf: Workflow): Workflow => ({ ...wf, alertMode: 'email', owners: [] });

describe('DolphinScheduler mapping', () => {
  it('round-trips the daily sample (SHELL, PYTHON, DATA_SYNC, EXTERNAL_APP, rerun flags, schedule)', async () => {
    const wf = await sample('daily_orders');
    const c = ctx();
    const dag = dagOf(wf, c);
    const back = fromDsDefinition(dag, toDsSchedule(wf, 'Asia/Shanghai'), new Map());
    expect(back).toEqual(lossless(wf));
    expect(dag.processTaskRelationList.find((r) => r.name === NO_RERUN_LABEL)).toMatchObject({
      preTaskCode: 1002,
      postTaskCode: 1003,
    });
    expect(dag.processTaskRelationList.filter((r) => r.preTaskCode === 0).map((r) => r.postTaskCode)).toEqual(
      [1000],
    );
    const http = dag.taskDefinitionList.find((t) => t.taskType === 'HTTP')!;
    expect(http.taskParams).toMatchObject({
      url: 'http://127.0.0.1:8765/notify',
      httpMethod: 'POST',
      httpCheckCondition: 'STATUS_CODE_CUSTOM',
      condition: '200',
    });
    const shell = dag.taskDefinitionList.find((t) => t.name === 'aggregate_sales')!;
    expect(shell).toMatchObject({
      failRetryTimes: 1,
      failRetryInterval: 2,
      timeout: 15,
      timeoutFlag: 'OPEN',
      cpuQuota: 100,
      memoryMax: 2048,
    });
    expect(String(shell.taskParams.rawScript).split('\n').slice(1)).toEqual([
      `ln -sf "$PWD/bdp/ws/resources/aggregate_sales/V1.0.0/aggregate_sales.hql" 'aggregate_sales.hql'`,
      'canaanhive -f aggregate_sales.hql -d ${cal_dt} -E DB=ods -E TARGET_DB=dws',
    ]);
  });

  it('unpacks an archive resource next to itself before the command, as a pre-run does', () => {
    const wf = parseWorkflow(
      'name: model\nschedule: { type: manual }\ntasks:\n  - name: predict\n    type: SHELL\n    command: sh predict.sh\n    resource: { name: model, version: V1.0.0 }\n',
      'workflows/model.workflow.yaml',
    ).workflow!;
    const dag = dagOf(wf, { ...ctx(), resourceFiles: { 'model@V1.0.0': 'model.zip' } });
    expect(String(dag.taskDefinitionList[0].taskParams.rawScript).split('\n').slice(1)).toEqual([
      `ln -sf "$PWD/bdp/ws/resources/model/V1.0.0/model.zip" 'model.zip'`,
      `{ unzip -o -q 'model.zip' || python3 -m zipfile -e 'model.zip' . ; }`,
      'sh predict.sh',
    ]);
    expect(fromDsDefinition(dag, toDsSchedule(wf, 'Asia/Shanghai'), new Map()).tasks[0]).toMatchObject({
      command: 'sh predict.sh',
      resource: { name: 'model', version: 'V1.0.0' },
    });
  });

  it('round-trips a Flow Ref as a DEPENDENT task on the referenced definition', async () => {
    const wf = await sample('weekly_report');
    const refs = new Map([['daily_orders', { code: 555, tasks: new Map([['sync_orders', 556]]) }]]);
    const dag = dagOf(wf, ctx(refs));
    const dep = dag.taskDefinitionList.find((t) => t.taskType === 'DEPENDENT')!;
    expect(dep.taskParams.dependence).toMatchObject({
      dependTaskList: [
        {
          dependItemList: [
            { projectCode: 7, definitionCode: 555, depTaskCode: 0, cycle: 'day', dateValue: 'today' },
          ],
        },
      ],
    });
    const back = fromDsDefinition(
      dag,
      toDsSchedule(wf, 'Asia/Shanghai'),
      new Map([[555, { name: 'daily_orders', tasks: new Map([[556, 'sync_orders']]) }]]),
    );
    expect(back).toEqual(lossless(wf));
  });

  it('translates system variables to DS built-ins where DS can compute them, else start parameters', async () => {
    expect(dsBuiltin('cal_dt')).toBe('$[yyyy-MM-dd-1]');
    expect(dsBuiltin('cal_dt8-2')).toBe('$[yyyyMMdd-3]');
    expect(dsBuiltin('first_day_this_month10')).toBeUndefined();
    const wf = await sample('weekly_report');
    expect(systemVariablesUsed(wf)).toEqual(['cal_dt', 'last_week10']);
    const monthly: Workflow = {
      ...wf,
      references: [],
      relations: [],
      tasks: [
        {
          ...(wf.tasks[1] as Extract<Workflow['tasks'][number], { type: 'SHELL' }>),
          command: 'echo ${first_day_this_month10}',
        },
      ],
    };
    const { body, startParams, notes } = toDsDefinition(monthly, ctx(), codesFor(monthly));
    expect(startParams).toEqual(['first_day_this_month10']);
    expect(body.globalParams).toContainEqual({
      prop: 'first_day_this_month10',
      direct: 'IN',
      type: 'VARCHAR',
      value: '',
    });
    expect(notes.join('\n')).toMatch(/scheduled runs see it empty/);
  });

  it('wraps PYTHON so main() must return the integer 0', async () => {
    const wf = await sample('daily_orders');
    const dag = dagOf(wf, ctx());
    const py = String(dag.taskDefinitionList.find((t) => t.name === 'clean_orders')!.taskParams.rawScript);
    expect(py).toContain('_bdp_file = "clean_orders.py"');
    expect(py).toContain(
      'sys.argv = [_bdp_file] + shlex.split("--date ${dt} --max-reject-pct ${max_reject_pct}")',
    );
    expect(py).toContain("run_name='__bdp_task__' if _bdp_main else '__main__'");
  });

  it('maps the schedule to the effective date and the workspace zone', async () => {
    expect(toDsSchedule(await sample('daily_orders'), 'Asia/Shanghai')).toEqual({
      startTime: '2026-11-01 00:00:00',
      endTime: '2126-11-01 00:00:00',
      crontab: '0 30 2 * * ? *',
      timezoneId: 'Asia/Shanghai',
    });
  });
});

describe.each(DS_API_VERSIONS)('DolphinScheduler mapping on the wire, %s API', (version) => {
  it('maps every workflow and task state of the line to a run state', () => {
    expect(WORKFLOW_STATES[version].filter((st) => dsWorkflowState(st) === 'INTERNAL_ERROR')).toEqual([]);
    expect(TASK_STATES[version].filter((st) => dsTaskState(st) === 'INTERNAL_ERROR')).toEqual([]);
  });

  it('round-trips the daily sample through the JSON the version sends and answers', async () => {
    const wf = await sample('daily_orders');
    const dag = dagOf(wf, ctx());
    const wire = JSON.parse(JSON.stringify(toWireJson(version, dag))) as Record<string, unknown>;
    expect(Object.keys(wire)).toContain(
      version === '3.3' ? 'workflowTaskRelationList' : 'processTaskRelationList',
    );
    const http = (
      wire.taskDefinitionList as { taskType: string; taskParams: Record<string, unknown> }[]
    ).find((t) => t.taskType === 'HTTP')!;
    // HttpParameters keeps the JSON key httpMethod on both lines (@JsonProperty in dev).
    expect(http.taskParams.httpMethod).toBe('POST');
    expect(http.taskParams).not.toHaveProperty('httpRequestMethod');
    expect(Number(http.taskParams.connectTimeout)).toBeGreaterThan(0);
    const back = fromDsDefinition(
      toInternalJson(version, wire) as DsDagData,
      toDsSchedule(wf, 'Asia/Shanghai'),
      new Map(),
    );
    expect(back).toEqual(lossless(wf));
  });

  it('round-trips a Flow Ref as a DEPENDENT task the version accepts', async () => {
    const wf = await sample('weekly_report');
    const c = ctx(new Map([['daily_orders', { code: 555, tasks: new Map([['sync_orders', 556]]) }]]));
    const wire = toWireJson(version, dagOf(wf, c)) as {
      taskDefinitionList: { taskType: string; taskParams: Record<string, unknown> }[];
    };
    const dep = wire.taskDefinitionList.find((t) => t.taskType === 'DEPENDENT')!;
    const dependence = dep.taskParams.dependence as { dependTaskList: unknown[]; checkInterval: number };
    expect(dependence.dependTaskList.length).toBeGreaterThan(0);
    expect(dependence.checkInterval).toBeGreaterThan(0);
    const back = fromDsDefinition(
      toInternalJson(version, wire) as DsDagData,
      toDsSchedule(wf, 'Asia/Shanghai'),
      new Map([[555, { name: 'daily_orders', tasks: new Map([[556, 'sync_orders']]) }]]),
    );
    expect(back).toEqual(lossless(wf));
  });
});
