import type {
  PlanStepInfo,
  RemoteDirectory,
  RemoteInstanceDetail,
  RemoteWorkflowInfo,
} from '../../../shared/contract';
import { AppError } from '../../../shared/rpc/errors';
import type { Environment } from '../../../shared/model';
import type { PublishPlan } from '../../sync/backend';
import type { EnosClientOptions } from '../../sync/enos/client';
import type { EnosPlanStep, EnosPublishPlan } from '../../sync/enos/enos-backend';
import { createEnosBackend } from '../../sync/enos/environment';
import { parseInstanceGraph } from '../../sync/enos/graph';
import { exportPrerequisites } from '../../sync/enos/prerequisites';
import type { WorkFlowDir } from '../../sync/enos/types';
import { baseStepInfo, type PublishTarget } from './publish-target';

function directoryTree(root: WorkFlowDir | undefined): RemoteDirectory {
  const walk = (node: WorkFlowDir, p: string): RemoteDirectory => {
    const children = node.children ?? [];
    return {
      name: node.title,
      path: p,
      workflows: children.filter((c) => !c.isDirectory).map((c) => c.title),
      children: children.filter((c) => c.isDirectory).map((c) => walk(c, p ? `${p}/${c.title}` : c.title)),
    };
  };
  return root ? walk(root, '') : { name: '', path: '', workflows: [], children: [] };
}

function stepInfo(step: EnosPlanStep, index: number, plan: EnosPublishPlan): PlanStepInfo {
  return {
    ...baseStepInfo(step, index, plan.snapshot),
    resources: (step.resources ?? []).map((u) => ({
      task: u.task,
      mode: u.mode,
      source: u.resource ? `${u.resource.name}@${u.resource.version}` : u.script,
    })),
  };
}

/** EnOS Batch Processing behind the service (issue #6). */
export function enosTarget(
  root: string,
  env: Environment,
  secret: string,
  overrides: Partial<EnosClientOptions>,
): PublishTarget {
  const { backend, client } = createEnosBackend(root, env, secret, overrides);
  const flowId = async (workflow: string): Promise<string> => {
    const id = (await backend.readRemoteState(new Set())).flowIds[workflow];
    if (!id) throw new AppError('NOT_FOUND', `workflow ${workflow} is not published to this environment`);
    return id;
  };
  return {
    capabilities: backend.capabilities,
    operations: backend,
    async testConnection() {
      const [timezone, serverTime, tree] = await Promise.all([
        client.getTimeZone(),
        client.getCurrentTime(),
        client.listWorkflowDirectories(),
      ]);
      return { timezone, serverTime, directories: directoryTree(tree[0]) };
    },
    async plan(snapshot) {
      const plan = await backend.planSnapshot(snapshot);
      return { plan, steps: plan.steps.map((s, i) => stepInfo(s, i, plan)) };
    },
    apply: (plan, onProgress, options) => backend.apply(plan, onProgress, options),
    exportPrerequisites: (plan: PublishPlan, dir) => exportPrerequisites(plan as EnosPublishPlan, dir),
    async listWorkflows(): Promise<RemoteWorkflowInfo[]> {
      const state = await backend.readRemoteState();
      return Object.entries(state.flows)
        .map(([name, f]) => ({
          name,
          id: f.id,
          directory: f.directory,
          enabled: f.active === 1,
          scheduling: f.graph.type === 1 ? ('periodic' as const) : ('manual' as const),
          tasks: (f.graph.tasks ?? []).map((t) => ({ id: String(t.taskId), name: t.taskName })),
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    workflowId: flowId,
    async getInstance(instanceId): Promise<RemoteInstanceDetail> {
      const [detail, raw] = await Promise.all([
        backend.getInstance(instanceId),
        client.getFlowInstance(instanceId),
      ]);
      const graph = parseInstanceGraph(raw.graph);
      const taskOfNode = new Map(graph.tasks.map((t) => [t.nodeId, String(t.taskId)]));
      const relations = graph.relations.flatMap((r) => {
        const source = taskOfNode.get(r.source);
        const target = taskOfNode.get(r.target);
        return source && target ? [{ source, target }] : [];
      });
      return {
        ...detail,
        tasks: detail.tasks.map((t) => ({
          id: t.id,
          taskId: t.taskId,
          taskName: t.taskName,
          state: t.state,
        })),
        relations,
        parameters: { ...detail.parameters },
      };
    },
    close: () => client.close(),
  };
}
