import type { FlowGraph, InstanceGraph } from './types';

/** snake_case spellings seen in samples (spec §4.5, §6) and their camelCase names. */
const ALIASES: Readonly<Record<string, string>> = {
  task_name: 'taskName',
  task_id: 'taskId',
  task_inst_id: 'taskInstId',
  do_as: 'doAs',
  flow_id: 'flowId',
  flow_name: 'flowName',
  flow_inst_id: 'flowInstId',
  node_id: 'nodeId',
  is_virtual: 'isVirtual',
  alert_mode: 'alertMode',
  start_time: 'startTime',
  sync_type: 'syncType',
  cycle_gap: 'cycleGap',
  inst_id: 'instId',
};

function camelise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelise);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = ALIASES[k] ?? k;
    // A camelCase key present as well wins over its snake_case alias.
    if (key !== k && key in value) continue;
    out[key] = camelise(v);
  }
  return out;
}

/** Parse the `graph` string of Get Flow / Load Flow For Edit, accepting snake_case keys. */
export function parseFlowGraph(graph: string): FlowGraph {
  const g = camelise(JSON.parse(graph)) as FlowGraph;
  return { ...g, tasks: g.tasks ?? [], flows: g.flows ?? [], relations: g.relations ?? [] };
}

/** Parse the `graph` string of a flow instance, accepting snake_case keys. */
export function parseInstanceGraph(graph: string): InstanceGraph {
  const g = camelise(JSON.parse(graph)) as InstanceGraph;
  return { ...g, tasks: g.tasks ?? [], flows: g.flows ?? [], relations: g.relations ?? [] };
}
