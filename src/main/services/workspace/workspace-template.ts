import YAML from 'yaml';

/**
 * The files of a new, empty workspace: workspace-relative path -> content. Paths ending in `/`
 * are folders. Empty folders carry a `.gitkeep` so they survive a commit and a clone.
 */
export function workspaceTemplate(name: string): Record<string, string> {
  const quotedName = YAML.stringify(name).trimEnd();
  return {
    'bdp.yaml': [
      `name: ${quotedName}`,
      'description: ""',
      "# timezone: Asia/Shanghai   # IANA zone for trigger times; default: this machine's",
      'parallelism: 4',
      'environments: []            # publish targets; secrets live in the OS secure store',
      '',
    ].join('\n'),
    'connections.yaml': [
      '# Data sources for Data Sync. Passwords never go here: they live in the OS secure store.',
      'connections: []',
      '',
    ].join('\n'),
    '.gitignore': '# local state: runs, warehouse, sync cache\n.bdp/\n',
    'README.md': [
      `# ${name}`,
      '',
      'A BDP Studio workspace.',
      '',
      '- `workflows/` workflow definitions (`<name>.workflow.yaml`)',
      '- `scripts/` Shell, Python, SQL and HQL scripts',
      '- `resources/` versioned task resources (`<name>.resource.yaml`)',
      '- `files/` binary resource payloads',
      '- `connections.yaml` data sources for Data Sync',
      '',
    ].join('\n'),
    'workflows/.gitkeep': '',
    'scripts/.gitkeep': '',
    'resources/.gitkeep': '',
    'files/.gitkeep': '',
  };
}
