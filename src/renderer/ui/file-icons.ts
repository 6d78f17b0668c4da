/** A codicon and a colour class for a file or folder, VS Code-style. */
export interface FileIcon {
  icon: string;
  tone: string;
}

const BY_SUFFIX: [string, FileIcon][] = [
  ['.workflow.yaml', { icon: 'type-hierarchy-sub', tone: 'workflow' }],
  ['.workflow.yml', { icon: 'type-hierarchy-sub', tone: 'workflow' }],
  ['.resource.yaml', { icon: 'package', tone: 'resource' }],
  ['.resource.yml', { icon: 'package', tone: 'resource' }],
  ['.py', { icon: 'python', tone: 'python' }],
  ['.sh', { icon: 'terminal', tone: 'shell' }],
  ['.bash', { icon: 'terminal', tone: 'shell' }],
  ['.sql', { icon: 'database', tone: 'sql' }],
  ['.hql', { icon: 'database', tone: 'hql' }],
  ['.csv', { icon: 'table', tone: 'csv' }],
  ['.tsv', { icon: 'table', tone: 'csv' }],
  ['.md', { icon: 'markdown', tone: 'markdown' }],
  ['.json', { icon: 'json', tone: 'json' }],
  ['.yaml', { icon: 'symbol-namespace', tone: 'yaml' }],
  ['.yml', { icon: 'symbol-namespace', tone: 'yaml' }],
  ['.jar', { icon: 'file-zip', tone: 'archive' }],
  ['.zip', { icon: 'file-zip', tone: 'archive' }],
  ['.tar', { icon: 'file-zip', tone: 'archive' }],
  ['.gz', { icon: 'file-zip', tone: 'archive' }],
  ['.xml', { icon: 'code', tone: 'xml' }],
  ['.txt', { icon: 'file-text', tone: 'plain' }],
  ['.log', { icon: 'output', tone: 'plain' }],
];

const BY_NAME: Record<string, FileIcon> = {
  'bdp.yaml': { icon: 'settings-gear', tone: 'config' },
  'connections.yaml': { icon: 'plug', tone: 'config' },
  '.gitignore': { icon: 'git-commit', tone: 'git' },
  'README.md': { icon: 'book', tone: 'markdown' },
};

export function fileIcon(name: string, kind: 'file' | 'dir', expanded = false): FileIcon {
  if (kind === 'dir') return { icon: expanded ? 'folder-opened' : 'folder', tone: 'folder' };
  const byName = BY_NAME[name];
  if (byName) return byName;
  const lower = name.toLowerCase();
  for (const [suffix, icon] of BY_SUFFIX) if (lower.endsWith(suffix)) return icon;
  return { icon: 'file', tone: 'plain' };
}

/** A short human label for a file type, used in quick open and the tab tooltip. */
export function fileKind(name: string): string {
  const lower = name.toLowerCase();
  if (lower.endsWith('.workflow.yaml') || lower.endsWith('.workflow.yml')) return 'Workflow';
  if (lower.endsWith('.resource.yaml') || lower.endsWith('.resource.yml')) return 'Resource';
  return '';
}
