import { memo, useState } from 'react';
import { ContextMenu } from '../../ui/ContextMenu';
import { Codicon } from '../../ui/Codicon';
import { isMac } from '../../app/commands';

const mod = isMac ? '⌘' : 'Ctrl+';

export interface ToolbarProps {
  canUndo: boolean;
  canRedo: boolean;
  hasSelection: boolean;
  readOnly: boolean;
  propertiesOpen: boolean;
  yamlOpen: boolean;
  summary: string;
  onLayout(): void;
  onFit(): void;
  onUndo(): void;
  onRedo(): void;
  onDelete(): void;
  onDuplicate(): void;
  onFind(): void;
  onToggleProperties(): void;
  onToggleYaml(): void;
  /** One node selected: its name (Pre-run node / node and downstream). */
  selectedNode?: string;
  onPreRun(scope: 'workflow' | 'node' | 'downstream'): void;
}

function Tool({
  icon,
  label,
  keys,
  onClick,
  disabled,
  testId,
  pressed,
}: {
  icon: string;
  label: string;
  keys?: string;
  onClick(): void;
  disabled?: boolean;
  testId: string;
  pressed?: boolean;
}) {
  return (
    <button
      className={`designer-tool${pressed ? ' pressed' : ''}`}
      title={keys ? `${label} (${keys})` : label}
      aria-label={label}
      aria-pressed={pressed}
      disabled={disabled}
      data-testid={testId}
      onClick={onClick}
    >
      <Codicon name={icon} />
    </button>
  );
}

/** Pre-run: the workflow at once; the arrow offers the selected node, alone or with its downstream. */
function PreRunButton({ selectedNode, onPreRun }: Pick<ToolbarProps, 'selectedNode' | 'onPreRun'>) {
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  return (
    <span className="designer-tool-split">
      <button
        className="designer-tool designer-tool-text"
        data-testid="designer-toolbar-prerun"
        title="Pre-run the workflow for a business date"
        onClick={() => onPreRun('workflow')}
      >
        <Codicon name="play" />
        Pre-run
      </button>
      <button
        className="designer-tool designer-tool-arrow"
        data-testid="designer-toolbar-prerun-menu"
        title="Pre-run the selected node"
        aria-label="More pre-run choices"
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          setMenu({ x: r.left, y: r.bottom + 2 });
        }}
      >
        <Codicon name="chevron-down" />
      </button>
      {menu && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          onClose={() => setMenu(null)}
          items={[
            { label: 'Pre-run Workflow…', run: () => onPreRun('workflow') },
            {
              label: selectedNode ? `Pre-run ${selectedNode}…` : 'Pre-run Selected Node…',
              run: () => onPreRun('node'),
              disabled: !selectedNode,
            },
            {
              label: selectedNode
                ? `Pre-run ${selectedNode} and Downstream…`
                : 'Pre-run Node and Downstream…',
              run: () => onPreRun('downstream'),
              disabled: !selectedNode,
            },
          ]}
        />
      )}
    </span>
  );
}

export const DesignerToolbar = memo(function DesignerToolbar(p: ToolbarProps) {
  return (
    <div className="designer-toolbar" role="toolbar" aria-label="Designer">
      <PreRunButton selectedNode={p.selectedNode} onPreRun={p.onPreRun} />
      <span className="designer-toolbar-sep" />
      <button
        className="designer-tool designer-tool-text"
        data-testid="designer-toolbar-layout"
        title="Auto Layout: arrange left to right"
        disabled={p.readOnly}
        onClick={p.onLayout}
      >
        <Codicon name="type-hierarchy-sub" />
        Auto Layout
      </button>
      <Tool icon="screen-full" label="Fit View" onClick={p.onFit} testId="designer-toolbar-fit" />
      <span className="designer-toolbar-sep" />
      <Tool
        icon="discard"
        label="Undo"
        keys={`${mod}Z`}
        onClick={p.onUndo}
        disabled={!p.canUndo}
        testId="designer-toolbar-undo"
      />
      <Tool
        icon="redo"
        label="Redo"
        keys={isMac ? '⇧⌘Z' : 'Ctrl+Y'}
        onClick={p.onRedo}
        disabled={!p.canRedo}
        testId="designer-toolbar-redo"
      />
      <span className="designer-toolbar-sep" />
      <Tool
        icon="copy"
        label="Duplicate"
        keys={`${mod}D`}
        onClick={p.onDuplicate}
        disabled={!p.hasSelection || p.readOnly}
        testId="designer-toolbar-duplicate"
      />
      <Tool
        icon="trash"
        label="Delete"
        keys="Del"
        onClick={p.onDelete}
        disabled={!p.hasSelection || p.readOnly}
        testId="designer-toolbar-delete"
      />
      <span className="designer-toolbar-sep" />
      <Tool
        icon="search"
        label="Find Node"
        keys={`${mod}F`}
        onClick={p.onFind}
        testId="designer-toolbar-find"
      />
      <span className="designer-toolbar-summary" data-testid="designer-summary">
        {p.summary}
      </span>
      <Tool
        icon="layout-sidebar-right"
        label="Properties"
        onClick={p.onToggleProperties}
        pressed={p.propertiesOpen}
        testId="designer-toolbar-properties"
      />
      <Tool
        icon="json"
        label="YAML beside the canvas"
        onClick={p.onToggleYaml}
        pressed={p.yamlOpen}
        testId="designer-toolbar-yaml"
      />
    </div>
  );
});
