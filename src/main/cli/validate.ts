import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { classifyWorkspaceFile, validateWorkspace } from '../../shared/model/validate-file';
import { isWorkspace, notAWorkspace } from './workspace-root';

const SKIP = new Set(['.git', '.bdp', 'node_modules']);

async function collect(root: string, dir = ''): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name)) for (const [k, v] of await collect(root, rel)) files.set(k, v);
    } else {
      // Other files take part by name only (a task's script, a path its command names).
      files.set(
        rel,
        classifyWorkspaceFile(rel) === 'other' ? '' : await readFile(path.join(root, rel), 'utf8'),
      );
    }
  }
  return files;
}

/** `bdp validate`: prints `path:line:col: severity: message [source]`; exit 1 when any error. */
export async function validateCommand(dir: string, opts: { json?: boolean }): Promise<number> {
  const root = path.resolve(dir);
  if (!(await isWorkspace(root))) {
    process.stderr.write(`${notAWorkspace('validate', root)}\n`);
    return 2;
  }
  const problems = validateWorkspace(await collect(root));
  if (opts.json) {
    process.stdout.write(JSON.stringify(problems, null, 2) + '\n');
  } else {
    for (const p of problems) {
      process.stdout.write(`${p.path}:${p.line}:${p.column}: ${p.severity}: ${p.message} [${p.source}]\n`);
    }
    const errors = problems.filter((p) => p.severity === 'error').length;
    process.stdout.write(`${errors} error(s), ${problems.length - errors} other problem(s) in ${root}\n`);
  }
  return problems.some((p) => p.severity === 'error') ? 1 : 0;
}
