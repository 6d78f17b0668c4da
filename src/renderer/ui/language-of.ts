/** Monaco language id of a workspace file, by extension (what VS Code's language mode picker shows). */
export function monacoLanguageOf(path: string): string {
  const p = path.toLowerCase();
  if (p.endsWith('.py')) return 'python';
  if (p.endsWith('.sh') || p.endsWith('.bash')) return 'shell';
  if (p.endsWith('.hql')) return 'hql';
  if (p.endsWith('.sql')) return 'sql';
  if (p.endsWith('.yaml') || p.endsWith('.yml')) return 'yaml';
  if (p.endsWith('.json')) return 'json';
  if (p.endsWith('.md') || p.endsWith('.markdown')) return 'markdown';
  return 'plaintext';
}

const LABELS: Record<string, string> = {
  python: 'Python',
  shell: 'Shell Script',
  hql: 'HiveQL',
  sql: 'SQL',
  yaml: 'YAML',
  json: 'JSON',
  markdown: 'Markdown',
  plaintext: 'Plain Text',
};

export function languageLabel(id: string): string {
  return LABELS[id] ?? id;
}

/** Languages that get `${...}` completion and hover. */
export const VARIABLE_LANGUAGES = ['python', 'shell', 'sql', 'hql', 'yaml'] as const;
