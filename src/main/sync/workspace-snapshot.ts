import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Problem } from '../../shared/contract/workspace';
import {
  classifyWorkspaceFile,
  parseWorkflow,
  resourceSchema,
  validateWorkspace,
  workspaceConfigSchema,
  type Resource,
  type ResourceVersion,
  type WorkspaceConfig,
} from '../../shared/model';
import { readVersionBytes } from '../services/resources/version-bytes';
import type { SnapshotWorkflow, WorkspaceSnapshot } from './backend';
import { TEXT_RESOURCE_FORMATS, type InlineResourceText } from './enos/mapping';

/** A snapshot plus what a publish needs beyond the model: settings and script texts. JSON-safe. */
export interface PublishSnapshot extends WorkspaceSnapshot {
  readonly root: string;
  readonly config: WorkspaceConfig;
  /** Working-tree script text by workspace path (scripts referenced by tasks). */
  readonly scripts: Readonly<Record<string, string>>;
  /** Text resource versions referenced by tasks, by `name@version`. */
  readonly resourceTexts: Readonly<Record<string, InlineResourceText>>;
}

/** The workspace has validation errors; nothing is published. */
export class WorkspaceValidationError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(
      `the workspace has ${problems.length} validation error(s); fix them before publishing:\n` +
        problems.map((p) => `  ${p.path}:${p.line}:${p.column}: ${p.message}`).join('\n'),
    );
    this.name = 'WorkspaceValidationError';
  }
}

const SKIP = new Set(['.git', '.bdp', 'node_modules']);

async function listFiles(root: string, dir = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name)) out.push(...(await listFiles(root, rel)));
    } else out.push(rel);
  }
  return out;
}

/** Remote directory of a workflow file: its folder below `workflows/` (or its folder). */
export function workflowDirectory(file: string): string {
  const dir = path.posix.dirname(file);
  if (dir === 'workflows' || dir === '.') return '';
  return dir.startsWith('workflows/') ? dir.slice('workflows/'.length) : dir;
}

/** Bytes of a resource version matching its sha256, or null (see readVersionBytes). */
export async function readResourceVersion(
  root: string,
  version: ResourceVersion,
): Promise<Uint8Array | null> {
  const r = await readVersionBytes(root, version);
  return r.ok ? r.bytes : null;
}

/**
 * Read a workspace folder into the snapshot a backend plans from. Throws
 * `WorkspaceValidationError` listing every error when `validateWorkspace` finds any.
 */
export async function readWorkspaceSnapshot(root: string): Promise<PublishSnapshot> {
  const abs = path.resolve(root);
  const files = new Map<string, string>();
  for (const rel of await listFiles(abs)) {
    files.set(rel, classifyWorkspaceFile(rel) === 'other' ? '' : await readFile(path.join(abs, rel), 'utf8'));
  }
  if (!files.has('bdp.yaml')) throw new Error(`${abs} is not a workspace (no bdp.yaml)`);
  const errors = validateWorkspace(files).filter((p) => p.severity === 'error');
  if (errors.length) throw new WorkspaceValidationError(errors);

  const config = workspaceConfigSchema.parse(parseYaml(files.get('bdp.yaml') ?? '') ?? {});
  const resources: Resource[] = [];
  const workflows: SnapshotWorkflow[] = [];
  for (const [rel, text] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const kind = classifyWorkspaceFile(rel);
    if (kind === 'resource') resources.push(resourceSchema.parse(parseYaml(text)));
    if (kind === 'workflow') {
      const { workflow } = parseWorkflow(text, rel);
      if (workflow) workflows.push({ path: rel, directory: workflowDirectory(rel), workflow });
    }
  }
  const dirs = new Set<string>();
  for (const w of workflows) {
    const parts = w.directory.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }

  const scripts: Record<string, string> = {};
  const resourceTexts: Record<string, InlineResourceText> = {};
  const byName = new Map(resources.map((r) => [r.name, r]));
  for (const { workflow } of workflows) {
    for (const t of workflow.tasks) {
      if (t.type !== 'SHELL' && t.type !== 'PYTHON') continue;
      if (t.script !== undefined && files.has(t.script) && scripts[t.script] === undefined) {
        scripts[t.script] = await readFile(path.join(abs, t.script), 'utf8');
      }
      const r = t.resource && byName.get(t.resource.name);
      const v = r && r.versions.find((x) => x.version === t.resource!.version);
      const key = t.resource && `${t.resource.name}@${t.resource.version}`;
      if (!r || !v || !key || resourceTexts[key] || !TEXT_RESOURCE_FORMATS.has(r.format)) continue;
      const bytes = await readResourceVersion(abs, v);
      if (bytes)
        resourceTexts[key] = { file: path.posix.basename(v.path), text: Buffer.from(bytes).toString('utf8') };
    }
  }
  return {
    root: abs,
    config,
    directories: [...dirs].sort(),
    resources,
    workflows,
    files: [...files.keys()].sort(),
    scripts,
    resourceTexts,
  };
}

/** Workflows ordered so every referenced workflow of the snapshot comes first; stable by path. */
export function dependencyOrder(workflows: readonly SnapshotWorkflow[]): SnapshotWorkflow[] {
  const byName = new Map(workflows.map((w) => [w.workflow.name, w]));
  const out: SnapshotWorkflow[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (w: SnapshotWorkflow): void => {
    if (state.has(w.workflow.name)) return;
    state.set(w.workflow.name, 'visiting');
    for (const r of w.workflow.references) {
      const dep = byName.get(r.workflow);
      if (dep) visit(dep);
    }
    state.set(w.workflow.name, 'done');
    out.push(w);
  };
  [...workflows].sort((a, b) => (a.path < b.path ? -1 : 1)).forEach(visit);
  return out;
}
