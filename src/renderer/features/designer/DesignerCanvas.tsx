import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  BackgroundVariant,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  type EdgeChange,
  type NodeChange,
  type OnNodeDrag,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { notify } from '../../app/notifications';
import { Sash } from '../../app/Sash';
import { useStore } from '../../app/store';
import { ContextMenu } from '../../ui/ContextMenu';
import { openFile, useProblems } from '../editor';
import { collectFiles, workspaceStore } from '../workspace';
import { openRunsDialog } from '../runs';
import { taskWarnings } from './model/task-warnings';
import { canvasKeyCommand } from './canvas-keys';
import { canvasMenuItems, type CanvasMenuActions } from './canvas-menu';
import { themeStore } from '../../app/theme-store';
import { Codicon } from '../../ui/Codicon';
import type { Workflow } from '../../../shared/model/workflow';
import { needsAutoLayout } from '../../ui/workflow-graph/layout/layout-dag';
import { GraphActionsContext, type GraphActions } from '../../ui/workflow-graph/graph-actions';
import { DesignerToolbar } from './DesignerToolbar';
import { editorModeStore, modeOf, setEditorMode, setYamlBroken } from './editor-mode-store';
import { FindNode } from './FindNode';
import {
  canvasCanOpen,
  reconcileEdges,
  reconcileNodes,
  workflowGraph,
  type DesignerNode,
  type RelationFlowEdge,
} from '../../ui/workflow-graph/graph-model';
import { newDataSyncBody, type OpResult, type WorkflowDocument, type XY } from './model/workflow-document';
import type { PaletteKind } from '../../ui/workflow-graph/node-kinds';
import { Palette } from './Palette';
import { PropertiesPanel, type DesignerSelection } from './properties/PropertiesPanel';
import { ReferenceNode } from '../../ui/workflow-graph/ReferenceNode';
import { RelationEdge } from '../../ui/workflow-graph/RelationEdge';
import { TaskNode, useLevelOfDetail } from '../../ui/workflow-graph/TaskNode';
import { useAutoLayout } from '../../ui/workflow-graph/use-auto-layout';
import { useCanvasFit } from './use-canvas-fit';
import { usePaletteDrop } from './use-palette-drop';
import { useRelationConnect } from './use-relation-connect';
import { openLastRunOf, useCanvasMenu } from './use-canvas-menu';
import { useNodeClipboard } from './use-node-clipboard';
import { useWorkflowSource } from './use-workflow-source';
import { useWorkspaceCatalog } from './use-workspace-catalog';
import { useStoredFlag } from '../../ui/use-stored-flag';
import { useRevealShowsYaml } from './use-reveal-shows-yaml';
import { staleReason } from './model/stale-reason';

const nodeTypes = { task: TaskNode, reference: ReferenceNode };
const edgeTypes = { relation: RelationEdge };
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 } };
const NODE_CENTER = { x: 110, y: 32 };
const MINIMAP_SIZE = { width: 160, height: 100 };
const NEW_REFERENCE_WORKFLOW = 'upstream_workflow';
/** Graphs above this size render only the nodes and edges in view. */
const VIRTUALIZE_ABOVE = 150;
const SPLIT_KEY = 'bdp.designer.split';
const DEFAULT_SPLIT = 0.7;

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

function storedSplit(): number {
  const v = Number(localStorage.getItem(SPLIT_KEY));
  return Number.isFinite(v) && v >= 0.25 && v <= 0.9 ? v : DEFAULT_SPLIT;
}

const isTextTarget = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement && (/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.isContentEditable);

export function DesignerCanvas({ path }: { path: string }) {
  const source = useWorkflowSource(path);
  const catalog = useWorkspaceCatalog();
  const wf = source.workflow;
  // Hidden and inert until the first layout and fit: nothing can be placed on provisional positions.
  const [ready, setReady] = useState(false);
  const readOnly = source.stale || !wf || !ready;
  const theme = useStore(themeStore, (s) => s.resolved);
  const yamlOpen = useStore(editorModeStore, (s) => modeOf(s, path) === 'designer');
  useRevealShowsYaml(path);
  const flow = useReactFlow<DesignerNode, RelationFlowEdge>();
  const initialized = useNodesInitialized();
  const layout = useAutoLayout();
  const wrapper = useRef<HTMLDivElement>(null);
  const [nodes, setNodes] = useState<DesignerNode[]>([]);
  const [edges, setEdges] = useState<RelationFlowEdge[]>([]);
  const [viewPositions, setViewPositions] = useState<ReadonlyMap<string, XY>>(new Map());
  const [propertiesOpen, setPropertiesOpen] = useStoredFlag('bdp.designer.properties', true);
  const [paletteCollapsed, setPaletteCollapsed] = useStoredFlag('bdp.designer.paletteRail', false);
  const [findOpen, setFindOpen] = useState(false);
  const pendingSelect = useRef<Set<string> | null>(null);
  const [split, setSplit] = useState(storedSplit);
  // xyflow watches Space (pan while held) on the whole document and swallows it outside inputs; Monaco's
  // EditContext input is no input to it, so Space would vanish in the YAML and command editors.
  const [canvasFocused, setCanvasFocused] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  /** Width shared by the canvas and the YAML editor (the editor body). */
  const splitWidth = () => root.current?.parentElement?.clientWidth || 1000;
  const lod = useLevelOfDetail();
  const opened = useRef(false);

  // A YAML with errors is shown beside the canvas (the canvas then keeps its last valid graph).
  const broken = source.stale || (!wf && source.problems.some((p) => p.severity === 'error'));
  useEffect(() => setYamlBroken(path, broken), [path, broken]);

  const problems = useProblems();
  const warnings = useMemo(() => taskWarnings(problems, path), [problems, path]);

  useEffect(() => {
    if (!wf) return;
    const g = workflowGraph(wf, viewPositions, readOnly, warnings);
    const select = pendingSelect.current;
    pendingSelect.current = null;
    setNodes((prev) => {
      const next = reconcileNodes(prev, g.nodes);
      if (!select) return next;
      return next.map((n) =>
        !!n.selected === select.has(n.id) ? n : ({ ...n, selected: select.has(n.id) } as DesignerNode),
      );
    });
    setEdges((prev) => reconcileEdges(prev, g.edges));
  }, [wf, viewPositions, readOnly, warnings]);

  const { fit, onMoveStart, userTookOver } = useCanvasFit(flow, nodes, wrapper);

  // On open: lay out a file that stores no positions (view state only, nothing written), then frame it.
  useEffect(() => {
    if (!wf || !canvasCanOpen(wf, initialized) || opened.current) return;
    opened.current = true;
    if (!needsAutoLayout(wf)) {
      fit(false);
      setReady(true);
      return;
    }
    void layout(wf).then((positions) => {
      if (positions) setViewPositions(positions);
      fit(false);
      setReady(true);
    });
  }, [initialized, wf, layout, fit]);

  const edit = useCallback(
    (op: (doc: WorkflowDocument) => OpResult): OpResult =>
      source.edit((doc) => {
        const before = new Set(doc.nodeNames());
        const result = op(doc);
        if (result.ok) {
          const added = doc.nodeNames().filter((n) => !before.has(n));
          if (added.length > 0) pendingSelect.current = new Set(added);
        }
        return result;
      }),
    [source],
  );

  /** `moved` plus every node the file has no position for yet, as it is shown now: once the user places one node, all stay where they are. */
  const pinned = useCallback(
    (moved: ReadonlyMap<string, XY>, w: Workflow): Map<string, XY> => {
      const stored = new Set([...w.tasks, ...w.references].filter((n) => n.position).map((n) => n.name));
      const out = new Map<string, XY>();
      for (const n of flow.getNodes()) if (!stored.has(n.id)) out.set(n.id, n.position);
      for (const [k, v] of moved) out.set(k, v);
      return out;
    },
    [flow],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<DesignerNode>[]) => setNodes((ns) => applyNodeChanges(changes, ns)),
    [],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<RelationFlowEdge>[]) => setEdges((es) => applyEdgeChanges(changes, es)),
    [],
  );

  const onNodeDragStop: OnNodeDrag<DesignerNode> = useCallback(
    (_event, _node, dragged) => {
      if (!wf || readOnly) return;
      edit((d) => d.setPositions(pinned(new Map(dragged.map((n) => [n.id, n.position])), wf)));
    },
    [wf, readOnly, edit, pinned],
  );

  const { graph, isValidConnection, onConnect, onConnectEnd } = useRelationConnect(wf, edit);

  const addAt = useCallback(
    (kind: PaletteKind, at: XY) => {
      if (!wf || readOnly) return;
      edit((d) => {
        const moved = pinned(new Map(), wf);
        const r =
          kind === 'FLOW_REF'
            ? d.addReference('flow', NEW_REFERENCE_WORKFLOW, undefined, undefined, at)
            : kind === 'TASK_REF'
              ? d.addReference('task', NEW_REFERENCE_WORKFLOW, 'upstream_task', undefined, at)
              : d.addTask(
                  kind,
                  undefined,
                  at,
                  kind === 'DATA_SYNC'
                    ? newDataSyncBody(catalog.connections.find((c) => c.type === 'FILE')?.name)
                    : undefined,
                );
        return r.ok ? d.setPositions(moved) : r;
      });
    },
    [wf, readOnly, edit, pinned, catalog],
  );

  const { onDragOver, onDrop, addAtCenter } = usePaletteDrop(flow, wrapper, NODE_CENTER, addAt, userTookOver);

  const selectedNodes = useMemo(() => nodes.filter((n) => n.selected).map((n) => n.id), [nodes]);
  const selectedEdges = useMemo(
    () => edges.filter((e) => e.selected).map((e) => ({ from: e.source, to: e.target })),
    [edges],
  );
  const selection: DesignerSelection = useMemo(
    () => ({ nodes: selectedNodes, edges: selectedEdges }),
    [selectedNodes, selectedEdges],
  );

  const deleteSelection = useCallback(() => {
    if (readOnly || (selectedNodes.length === 0 && selectedEdges.length === 0)) return;
    edit((d) => {
      const gone = new Set(selectedNodes);
      const r = d.removeNodes(selectedNodes);
      if (!r.ok) return r;
      for (const e of selectedEdges) if (!gone.has(e.from) && !gone.has(e.to)) d.removeRelation(e.from, e.to);
      return r;
    });
  }, [readOnly, selectedNodes, selectedEdges, edit]);

  const { menu, closeMenu, onNodeContextMenu, onPaneContextMenu } = useCanvasMenu(
    flow,
    setNodes,
    NODE_CENTER,
  );
  const { copy, paste, pasteAt, canPaste } = useNodeClipboard(source, flow, edit, selectedNodes, readOnly);

  const nudge = useCallback(
    (dx: number, dy: number) => {
      if (!wf || readOnly || selectedNodes.length === 0) return;
      const shown = new Map(flow.getNodes().map((n) => [n.id, n.position]));
      const moved = new Map(
        selectedNodes.map((id) => [id, { x: shown.get(id)!.x + dx, y: shown.get(id)!.y + dy }]),
      );
      edit((d) => d.setPositions(pinned(moved, wf)));
    },
    [wf, readOnly, selectedNodes, flow, edit, pinned],
  );

  const reveal = useCallback(
    (name: string) => {
      const node = flow.getNode(name);
      if (!node) return;
      setNodes((ns) =>
        ns.map((n) =>
          !!n.selected === (n.id === name) ? n : ({ ...n, selected: n.id === name } as DesignerNode),
        ),
      );
      const w = node.measured?.width ?? 220;
      const h = node.measured?.height ?? 64;
      void flow.setCenter(node.position.x + w / 2, node.position.y + h / 2, {
        zoom: Math.max(flow.getZoom(), 1),
        duration: 250,
      });
    },
    [flow],
  );

  const autoLayout = useCallback(async () => {
    if (!wf || readOnly) return;
    const positions = await layout(wf);
    if (!positions) return;
    edit((d) => d.setPositions(positions));
    fit();
  }, [wf, readOnly, layout, edit, fit]);

  const renameNode = useCallback(
    (name: string) => {
      setPropertiesOpen(true);
      setNodes((ns) =>
        ns.map((n) =>
          !!n.selected === (n.id === name) ? n : ({ ...n, selected: n.id === name } as DesignerNode),
        ),
      );
      // The panel re-renders for the new selection first.
      setTimeout(() => {
        const input = document.querySelector<HTMLInputElement>(
          `.designer[data-path="${CSS.escape(path)}"] [data-testid="prop-name"]`,
        );
        input?.focus();
        input?.select();
      }, 50);
    },
    [path, setPropertiesOpen],
  );

  const menuActions: CanvasMenuActions = {
    preRun: (node, scope) => openRunsDialog({ kind: 'prerun', workflow: path, node, scope }),
    openLastRun: (node) => void openLastRunOf(wf?.name, node),
    rename: renameNode,
    duplicate: (node) => {
      const c = source.read((d) => d.copyNodes([node]));
      if (c) paste(c);
    },
    remove: (node) => void edit((d) => d.removeNodes([node])),
    openFile: (p) => openFile(p, { preview: false }),
    openWorkflow: (name) => {
      const file = collectFiles(workspaceStore.get().tree).find((f) => f.endsWith(`/${name}.workflow.yaml`));
      if (file) openFile(file, { preview: false });
      else notify('warning', `No workflow file named ${name}.workflow.yaml in the workspace`);
    },
    autoLayout: () => void autoLayout(),
    fitView: () => fit(),
    paste: pasteAt,
    add: (kind, at) => addAt(kind, at),
  };

  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      if (isTextTarget(e.target) || e.nativeEvent.isComposing) return;
      const command = canvasKeyCommand(e, { selectedNodes: selectedNodes.length, findOpen, readOnly });
      if (!command) return;
      e.preventDefault();
      e.stopPropagation();
      switch (command.kind) {
        case 'undo':
          return source.undo();
        case 'redo':
          return source.redo();
        case 'delete':
          return deleteSelection();
        case 'duplicate':
          return paste(copy());
        case 'copy':
          return void copy();
        case 'paste':
          return paste();
        case 'selectAll':
          return setNodes((ns) =>
            ns.map((n) => (n.selected ? n : ({ ...n, selected: true } as DesignerNode))),
          );
        case 'find':
          return setFindOpen(true);
        case 'closeFind':
          return setFindOpen(false);
        case 'rename':
          return renameNode(selectedNodes[0]);
        case 'nudge':
          return nudge(command.dx, command.dy);
      }
    },
    [source, deleteSelection, paste, copy, nudge, selectedNodes, findOpen, readOnly, renameNode],
  );

  // Stable for the life of the view: edges read the latest state through the ref and never re-render for it.
  const actionsRef = useRef({ edit, readOnly, graph });
  actionsRef.current = { edit, readOnly, graph };
  const actions: GraphActions = useMemo(
    () => ({
      toggleRerun(from, to) {
        const { edit: run, readOnly: ro, graph: g } = actionsRef.current;
        const rel = ro ? undefined : g.relations.find((r) => r.from === from && r.to === to);
        if (rel) run((d) => d.setRelationRerun(from, to, rel.rerun === false));
      },
    }),
    [],
  );

  const names = useMemo(() => nodes.map((n) => n.id), [nodes]);
  const summary = wf
    ? [
        count(wf.tasks.length, 'task'),
        wf.references.length ? count(wf.references.length, 'ref') : '',
        count(wf.relations.length, 'relation'),
      ]
        .filter(Boolean)
        .join(' · ')
    : '';

  return (
    <GraphActionsContext.Provider value={actions}>
      <div
        ref={root}
        className="designer"
        data-testid="designer"
        data-path={path}
        data-stale={source.stale || undefined}
        data-ready={ready || undefined}
        data-lod={lod}
        style={yamlOpen ? { flex: `0 0 ${(split * 100).toFixed(2)}%` } : undefined}
      >
        <DesignerToolbar
          canUndo={source.canUndo}
          canRedo={source.canRedo}
          hasSelection={selectedNodes.length + selectedEdges.length > 0}
          readOnly={readOnly}
          propertiesOpen={propertiesOpen}
          summary={summary}
          onLayout={() => void autoLayout()}
          onFit={() => fit()}
          onUndo={source.undo}
          onRedo={source.redo}
          onDelete={deleteSelection}
          onDuplicate={() => paste(copy())}
          onFind={() => setFindOpen(true)}
          onToggleProperties={() => setPropertiesOpen((v) => !v)}
          yamlOpen={yamlOpen}
          onToggleYaml={() => setEditorMode(path, yamlOpen ? 'canvas' : 'designer')}
          selectedNode={selectedNodes.length === 1 ? selectedNodes[0] : undefined}
          onPreRun={(scope) =>
            openRunsDialog({
              kind: 'prerun',
              workflow: path,
              ...(scope !== 'workflow' && selectedNodes.length === 1
                ? { node: selectedNodes[0], scope }
                : {}),
            })
          }
        />
        {source.stale && wf && (
          <div className="designer-banner" role="status" data-testid="designer-stale-banner">
            <Codicon name="warning" />
            {staleReason(source.problems)} — showing the last valid graph
          </div>
        )}
        <div className="designer-main">
          <Palette
            disabled={readOnly}
            onAdd={addAtCenter}
            collapsed={paletteCollapsed}
            onToggle={() => setPaletteCollapsed((v) => !v)}
          />
          <div
            ref={wrapper}
            className={ready ? 'designer-canvas' : 'designer-canvas pending'}
            tabIndex={0}
            data-testid="designer-canvas"
            onKeyDown={onKeyDown}
            onFocus={() => setCanvasFocused(true)}
            onBlur={(e) => {
              if (!wrapper.current?.contains(e.relatedTarget as Node | null)) setCanvasFocused(false);
            }}
            onPointerDownCapture={(e) => {
              // Working in the canvas (select, drag, connect) ends the automatic re-fits: the viewport never moves under a drag.
              userTookOver();
              if (!isTextTarget(e.target)) wrapper.current?.focus({ preventScroll: true });
            }}
            onDragOver={onDragOver}
            onDrop={onDrop}
          >
            {!wf && (
              <div className="designer-empty">
                {source.problems.length
                  ? 'The workflow has errors; fix them in the YAML to see its graph.'
                  : 'Loading…'}
              </div>
            )}
            <ReactFlow<DesignerNode, RelationFlowEdge>
              nodes={nodes}
              edges={edges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              defaultEdgeOptions={defaultEdgeOptions}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onNodeDragStop={onNodeDragStop}
              onConnect={onConnect}
              onConnectEnd={onConnectEnd}
              isValidConnection={isValidConnection}
              nodesDraggable={!readOnly}
              nodesConnectable={!readOnly}
              deleteKeyCode={null}
              selectionKeyCode="Shift"
              multiSelectionKeyCode={['Meta', 'Control']}
              disableKeyboardA11y
              colorMode={theme}
              minZoom={0.05}
              maxZoom={2}
              snapToGrid
              snapGrid={[8, 8]}
              proOptions={{ hideAttribution: true }}
              onMoveStart={onMoveStart}
              onNodeContextMenu={onNodeContextMenu}
              onPaneContextMenu={onPaneContextMenu}
              onlyRenderVisibleElements={nodes.length > VIRTUALIZE_ABOVE}
              panActivationKeyCode={canvasFocused ? 'Space' : null}
            >
              <Background variant={BackgroundVariant.Dots} gap={16} size={1} />
              <MiniMap
                pannable
                zoomable
                className="designer-minimap"
                nodeBorderRadius={4}
                style={MINIMAP_SIZE}
              />
              <Controls showInteractive={false} />
            </ReactFlow>
            {findOpen && (
              <FindNode
                names={names}
                onReveal={reveal}
                onClose={() => {
                  setFindOpen(false);
                  wrapper.current?.focus({ preventScroll: true });
                }}
              />
            )}
          </div>
          {propertiesOpen && wf && (
            <PropertiesPanel
              path={path}
              workflow={wf}
              selection={selection}
              edit={edit}
              readOnly={readOnly}
              catalog={catalog}
              onClose={() => setPropertiesOpen(false)}
            />
          )}
          {!propertiesOpen && wf && (
            <div className="designer-properties-rail">
              <button
                type="button"
                data-testid="designer-properties-rail"
                title="Show the properties"
                onClick={() => setPropertiesOpen(true)}
              >
                <Codicon name="layout-sidebar-right" />
                Properties
              </button>
            </div>
          )}
        </div>
        {menu && wf && (
          <ContextMenu
            x={menu.x}
            y={menu.y}
            onClose={closeMenu}
            items={canvasMenuItems(menu.target, wf, menuActions, { readOnly, canPaste: canPaste() })}
          />
        )}
      </div>
      {yamlOpen && (
        <Sash
          orientation="vertical"
          className="designer-split-sash"
          size={Math.round(split * splitWidth())}
          direction={1}
          min={Math.round(0.25 * splitWidth())}
          max={Math.round(0.9 * splitWidth())}
          onResize={(px) => {
            const next = px / splitWidth();
            setSplit(next);
            localStorage.setItem(SPLIT_KEY, next.toFixed(4));
          }}
          onReset={() => {
            setSplit(DEFAULT_SPLIT);
            localStorage.removeItem(SPLIT_KEY);
          }}
        />
      )}
    </GraphActionsContext.Provider>
  );
}
