import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo } from 'react';
import { notifyError } from '../../app/notifications';
import type { Workflow } from '../../../shared/model/workflow';
import { LayoutClient } from './layout/layout-client';
import { toLayoutGraph } from './layout/layout-dag';
import type { DesignerNode, XY } from './graph-model';

/** ELK in its worker, fed with the measured node sizes; resolves the top-left positions, or null when superseded. */
export function useAutoLayout(): (workflow: Workflow) => Promise<Map<string, XY> | null> {
  const { getNodes } = useReactFlow<DesignerNode>();
  const client = useMemo(() => new LayoutClient(), []);
  useEffect(() => () => client.dispose(), [client]);
  return useCallback(
    async (workflow: Workflow) => {
      const sizes = new Map(getNodes().map((n) => [n.id, n.measured ?? {}]));
      try {
        const out = await client.layout(toLayoutGraph(workflow, sizes));
        if (out.status !== 'done') return null;
        return new Map(out.result.nodes.map((n) => [n.id, { x: n.x, y: n.y }]));
      } catch (error) {
        notifyError(error, 'Auto Layout');
        return null;
      }
    },
    [client, getNodes],
  );
}
