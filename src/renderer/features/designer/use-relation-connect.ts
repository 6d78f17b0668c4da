import type { Connection, FinalConnectionState } from '@xyflow/react';
import { useCallback, useMemo } from 'react';
import type { Workflow } from '../../../shared/model/workflow';
import { notify } from '../../app/notifications';
import type { RelationFlowEdge } from '../../ui/workflow-graph/graph-model';
import { relationRefusal, type OpResult, type WorkflowDocument } from './model/workflow-document';

/**
 * Drawing relations: a connection that would close a cycle (or repeat a relation) is refused while
 * dragging, and dropping it says why, with the path.
 */
export function useRelationConnect(
  wf: Workflow | null | undefined,
  edit: (op: (doc: WorkflowDocument) => OpResult) => OpResult,
) {
  const graph = useMemo(
    () =>
      wf
        ? { references: wf.references, tasks: wf.tasks, relations: wf.relations }
        : { references: [], tasks: [], relations: [] },
    [wf],
  );
  const isValidConnection = useCallback(
    (c: Connection | RelationFlowEdge) => relationRefusal(graph, c.source, c.target) === null,
    [graph],
  );
  const onConnect = useCallback(
    (c: Connection) => void edit((d) => d.addRelation(c.source, c.target)),
    [edit],
  );
  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (
        state.isValid !== false ||
        !state.fromNode ||
        !state.toNode ||
        state.fromNode.id === state.toNode.id
      )
        return;
      const [from, to] =
        state.fromHandle?.type === 'target'
          ? [state.toNode.id, state.fromNode.id]
          : [state.fromNode.id, state.toNode.id];
      const reason = relationRefusal(graph, from, to);
      if (reason) notify('warning', `Refused: ${reason}`);
    },
    [graph],
  );
  return { graph, isValidConnection, onConnect, onConnectEnd };
}
