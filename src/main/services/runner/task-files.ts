import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Resource, Workflow } from '../../../shared/model';
import { RUNS_DIR, WORKFLOW_SNAPSHOT, type TaskFileSource } from '../../../shared/runner-protocol';
import { AppError } from '../../../shared/rpc/errors';
import { parseResourceFile, resourceFilePath } from '../resources/resource-file';
import { readVersionBytes } from '../resources/version-bytes';

/** Where verified version bytes are kept between runs, by sha256 (content-addressed, never stale). */
export const RESOURCE_CACHE_DIR = path.join('.bdp', 'cache', 'resources');

async function loadResource(root: string, name: string): Promise<Resource> {
  const file = resourceFilePath(name);
  let text: string;
  try {
    text = await readFile(path.join(root, file), 'utf8');
  } catch {
    throw new Error(`resource ${name} does not exist (no ${file})`);
  }
  return parseResourceFile(text, file).resource;
}

/** The verified bytes of a version in the cache, written once. */
async function cachedCopy(root: string, sha256: string, bytes: () => Promise<Uint8Array>): Promise<string> {
  const file = path.join(root, RESOURCE_CACHE_DIR, sha256);
  const present = await stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!present) {
    await mkdir(path.dirname(file), { recursive: true });
    const staging = `${file}.${process.pid}.tmp`;
    await writeFile(staging, await bytes());
    await rename(staging, file);
  }
  return file;
}

async function resolveOne(
  root: string,
  resource: Resource,
  version: string,
  workingCopy: boolean,
): Promise<TaskFileSource> {
  const v = resource.versions.find((x) => x.version === version);
  const fileName = path.posix.basename(v?.path ?? resource.source ?? '');
  if (workingCopy) {
    if (resource.source === undefined)
      return {
        kind: 'unavailable',
        resource: resource.name,
        version,
        message: `resource ${resource.name} has no source file in the workspace to run as a working copy`,
      };
    return {
      kind: 'working-copy',
      resource: resource.name,
      version,
      fileName,
      format: resource.format,
      path: resource.source,
    };
  }
  if (!v) {
    const known = resource.versions.map((x) => x.version).join(', ') || 'none yet';
    return {
      kind: 'unavailable',
      resource: resource.name,
      version,
      message: `resource ${resource.name} has no version ${version} (versions: ${known})`,
    };
  }
  let reason = '';
  const file = await cachedCopy(root, v.sha256, async () => {
    const r = await readVersionBytes(root, v);
    if (!r.ok) {
      reason = r.reason;
      throw new Error(r.reason);
    }
    return r.bytes;
  }).catch(() => undefined);
  if (!file)
    return {
      kind: 'unavailable',
      resource: resource.name,
      version,
      message: `resource ${resource.name} ${version}: ${reason}`,
    };
  return {
    kind: 'resource',
    resource: resource.name,
    version,
    sha256: v.sha256,
    fileName,
    format: resource.format,
    file,
  };
}

/**
 * The file each resource-bound SHELL / PYTHON task of `workflow` runs, by task name: the pinned
 * version's bytes read from git and checked against their sha256 (what the backend would run), or
 * with `workingCopy` the resource's source file as it is now. A version that cannot be had becomes
 * `unavailable`, so that task fails with the reason and the others still run.
 */
export async function resolveTaskFiles(
  root: string,
  workflow: Workflow,
  options: { workingCopy?: boolean } = {},
): Promise<Record<string, TaskFileSource>> {
  const out: Record<string, TaskFileSource> = {};
  const resources = new Map<string, Promise<Resource>>();
  for (const t of workflow.tasks) {
    if ((t.type !== 'SHELL' && t.type !== 'PYTHON') || !t.resource) continue;
    const { name, version } = t.resource;
    if (!resources.has(name)) resources.set(name, loadResource(root, name));
    try {
      out[t.name] = await resolveOne(root, await resources.get(name)!, version, options.workingCopy === true);
    } catch (error) {
      out[t.name] = {
        kind: 'unavailable',
        resource: name,
        version,
        message: error instanceof Error ? error.message : String(error),
      };
    }
  }
  return out;
}

/** The workflow an instance was started with (its snapshot), for a rerun when the file no longer parses. */
export async function readWorkflowSnapshot(
  root: string,
  instance: { workflow: string; instanceId: string },
): Promise<Workflow> {
  try {
    return JSON.parse(
      await readFile(
        path.join(root, RUNS_DIR, instance.workflow, instance.instanceId, WORKFLOW_SNAPSHOT),
        'utf8',
      ),
    ) as Workflow;
  } catch {
    throw new AppError(
      'NOT_FOUND',
      `instance ${instance.instanceId} has no workflow snapshot and ${instance.workflow} does not parse: fix the workflow to rerun it`,
    );
  }
}
