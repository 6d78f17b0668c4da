import type { TaskType } from '../../../shared/model/workflow';

export type PaletteKind = TaskType | 'FLOW_REF' | 'TASK_REF';

export interface KindStyle {
  label: string;
  icon: string;
  /** CSS class carrying the accent colour. */
  tone: string;
  hint: string;
}

export const KIND_STYLE: Record<PaletteKind, KindStyle> = {
  DATA_SYNC: {
    label: 'Data Sync',
    icon: 'database',
    tone: 'dz-tone-sync',
    hint: 'Copy a file or table into the warehouse',
  },
  SHELL: { label: 'SHELL', icon: 'terminal', tone: 'dz-tone-shell', hint: 'Run a shell command or script' },
  PYTHON: {
    label: 'PYTHON',
    icon: 'symbol-method',
    tone: 'dz-tone-python',
    hint: 'Run Python code or a script',
  },
  EXTERNAL_APP: { label: 'External APP', icon: 'globe', tone: 'dz-tone-app', hint: 'Call an HTTP endpoint' },
  FLOW_REF: {
    label: 'Flow Ref',
    icon: 'link',
    tone: 'dz-tone-ref',
    hint: 'Wait for another workflow (root only)',
  },
  TASK_REF: {
    label: 'Task Ref',
    icon: 'link',
    tone: 'dz-tone-ref',
    hint: 'Wait for a task of another workflow (root only)',
  },
};

export const PALETTE_GROUPS: Array<{ title: string; kinds: PaletteKind[] }> = [
  { title: 'Tasks', kinds: ['DATA_SYNC', 'SHELL', 'PYTHON', 'EXTERNAL_APP'] },
  { title: 'Reference', kinds: ['FLOW_REF', 'TASK_REF'] },
];

/** The drag-and-drop MIME type of a palette item. */
export const PALETTE_MIME = 'application/x-bdp-designer-node';
