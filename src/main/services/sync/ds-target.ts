import type { PlanStepInfo, RemoteInstanceDetail, RemoteWorkflowInfo } from '../../../shared/contract';
import { AppError } from '../../../shared/rpc/errors';
import type { Environment } from '../../../shared/model';
import type { DsClientOptions } from '../../sync/dolphinscheduler/client';
import type { DsPlanStep, DsPublishPlan } from '../../sync/dolphinscheduler/ds-backend';
import { createDsBackend, dsEnvironmentOptions } from '../../sync/dolphinscheduler/environment';
import { baseStepInfo, type PublishTarget } from './publish-target';

function stepInfo(step: DsPlanStep, index: number, plan: DsPublishPlan): PlanStepInfo {
  return {
    ...baseStepInfo(step, index, plan.snapshot),
    resources: (step.uses ?? []).map((u) => ({
      task: u.task,
      mode: 'upload' as const,
      source: u.resource ? u.key : u.script,
    })),
  };
}

/** Apache DolphinScheduler behind the service (issue #7). */
export function dsTarget(
  root: string,
  env: Environment,
  secret: string,
  overrides: Partial<DsClientOptions>,
): PublishTarget {
  const { backend, client } = createDsBackend(root, env, secret, overrides);
  const project = dsEnvironmentOptions(env).project;
  const workflowId = async (name: string): Promise<string> => {
    const state = await backend.readRemoteState(undefined, false);
    const w = state.workflows[name];
    if (!w) throw new AppError('NOT_FOUND', `workflow ${name} is not published to this environment`);
    return String(w.dag.processDefinition.code);
  };
  return {
    capabilities: backend.capabilities,
    operations: backend,
    async testConnection() {
      const [user, state] = await Promise.all([
        client.getUserInfo(),
        backend.readRemoteState(undefined, false),
      ]);
      return {
        // The configured server zone is what dates are rendered in; the user's zone is only a UI preference.
        timezone:
          dsEnvironmentOptions(env).serverTimeZone ?? (user as { timeZone?: string }).timeZone ?? 'UTC',
        serverTime: state.readAt,
        directories: {
          name: state.projectCode === undefined ? `${project} (created on the first publish)` : project,
          path: '',
          workflows: Object.keys(state.workflows).sort(),
          children: [],
        },
      };
    },
    async plan(snapshot) {
      const plan = await backend.planSnapshot(snapshot);
      return { plan, steps: plan.steps.map((s, i) => stepInfo(s, i, plan)) };
    },
    apply: (plan, onProgress, options) => backend.apply(plan, onProgress, options),
    exportPrerequisites: async () => [],
    async listWorkflows(): Promise<RemoteWorkflowInfo[]> {
      const state = await backend.readRemoteState(undefined, false);
      return Object.entries(state.workflows)
        .map(([name, w]) => ({
          name,
          id: String(w.dag.processDefinition.code),
          directory: '',
          enabled: w.schedule?.releaseState === 'ONLINE',
          scheduling: w.schedule ? ('periodic' as const) : ('manual' as const),
          tasks: w.dag.taskDefinitionList.map((t) => ({ id: String(t.code), name: t.name })),
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    workflowId,
    async getInstance(instanceId): Promise<RemoteInstanceDetail> {
      const d = await backend.getInstanceWithGraph(instanceId);
      return {
        ...d,
        tasks: d.tasks.map((t) => ({ id: t.id, taskId: t.taskId, taskName: t.taskName, state: t.state })),
        relations: d.relations,
        parameters: { ...d.parameters },
      };
    },
    close: () => client.close(),
  };
}
