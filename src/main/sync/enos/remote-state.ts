import { canonicalJson } from '../common/canonical-json';
import type { RemoteItem, RemoteState } from '../backend';
import type { EnosClient } from './client';
import { sha256Hex } from './signature';
import { parseEnosTime, zoneOffsetMinutes } from './time';
import type { WorkFlowDir } from './types';
import { mapLimited } from '../../../shared/util/map-limited';

/**
 * Read what exists on EnOS: directories (as `/`-joined paths below the root "Workflow" node) and
 * workflows with a fingerprint of their portable (name-based) export, which is what a publish
 * compares against. Resources are not listable through the API and are left out.
 */
export async function readEnosRemoteState(client: EnosClient, concurrency = 4): Promise<RemoteState> {
  const [tree, zone, readAt] = await Promise.all([
    client.listWorkflowDirectories(),
    client.getTimeZone(),
    client.getCurrentTime(),
  ]);
  const offset = zoneOffsetMinutes(zone);
  const items: RemoteItem[] = [];
  const flows: { id: string; directory: string }[] = [];
  const walk = (node: WorkFlowDir, path: string): void => {
    for (const child of node.children ?? []) {
      if (child.isDirectory) {
        const p = path ? `${path}/${child.title}` : child.title;
        items.push({ kind: 'directory', name: p, remoteId: String(child.key) });
        walk(child, p);
      } else {
        flows.push({ id: String(child.key), directory: path });
      }
    }
  };
  for (const root of tree) walk(root, '');
  const workflows = await mapLimited(flows, concurrency, async ({ id }) => {
    const [flow, portable] = await Promise.all([client.getFlow(id), client.exportFlow(id)]);
    return {
      kind: 'workflow' as const,
      name: flow.flowName,
      remoteId: id,
      fingerprint: sha256Hex(canonicalJson(portable)),
      updatedAt: parseEnosTime(flow.updateTime, offset),
      updatedBy: flow.updateUser,
    };
  });
  return { items: [...items, ...workflows], readAt };
}
