import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseConnections } from '../../../shared/connections';
import {
  parseWorkflow,
  workspaceConfigSchema,
  type Connection,
  type Workflow,
  type WorkspaceConfig,
} from '../../../shared/model';
import { AppError } from '../../../shared/rpc/errors';
import { listWorkflowFiles, WORKFLOW_SUFFIX } from '../workspace/workflow-files';

/**
 * Finds a workflow of the workspace by name or by workspace-relative file path and parses it.
 * Errors: NOT_FOUND (no such workflow), INVALID_ARGUMENT (the file has errors).
 */
export async function loadWorkflow(
  root: string,
  nameOrPath: string,
): Promise<{ path: string; workflow: Workflow }> {
  const wanted = nameOrPath.replace(/\\/g, '/').replace(/^\.\//, '');
  const files = await listWorkflowFiles(root, 'workflows');
  const byPath = files.find((f) => f === wanted);
  const candidates = byPath
    ? [byPath]
    : files.filter((f) => path.posix.basename(f, WORKFLOW_SUFFIX) === wanted);
  // A file's name usually is its workflow's name; when not, parse everything to look inside.
  const search = candidates.length > 0 ? candidates : files;
  for (const file of search) {
    const text = await readFile(path.join(root, file), 'utf8');
    const { workflow, problems } = parseWorkflow(text, file);
    if (!workflow) {
      if (candidates.length === 0) continue;
      const first = problems.find((p) => p.severity === 'error');
      throw new AppError(
        'INVALID_ARGUMENT',
        `${file} has errors${first ? `: ${first.line}:${first.column} ${first.message}` : ''}`,
      );
    }
    if (byPath || workflow.name === wanted) return { path: file, workflow };
  }
  throw new AppError('NOT_FOUND', `no workflow "${nameOrPath}" in ${path.join(root, 'workflows')}`);
}

/** bdp.yaml of the workspace, defaults applied; defaults alone when missing or invalid. */
export async function loadWorkspaceConfig(root: string): Promise<WorkspaceConfig | undefined> {
  try {
    const parsed = workspaceConfigSchema.safeParse(
      parseYaml(await readFile(path.join(root, 'bdp.yaml'), 'utf8')) ?? {},
    );
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** `connections.yaml` of the workspace; none when the file is missing. Throws when it is invalid. */
export async function loadConnections(root: string): Promise<Connection[]> {
  try {
    return parseConnections(await readFile(path.join(root, 'connections.yaml'), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
