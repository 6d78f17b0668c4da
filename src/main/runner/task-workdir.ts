import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { RunTaskSource } from '../../shared/contract/runner';
import type { PythonTask, ShellTask } from '../../shared/model';
import type { TaskFileSource } from '../../shared/runner-protocol';

const ARCHIVES = new Set(['zip', 'tar', 'tar.gz']);

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** What a SHELL / PYTHON attempt runs in: its own folder, holding what the backend's worker would hold. */
export interface TaskWorkDir {
  dir: string;
  source?: RunTaskSource;
  /** Lines for the log (archive unpacked, ...). */
  notes: string[];
}

export interface TaskWorkDirOptions {
  workspaceRoot: string;
  instanceDir: string;
  task: ShellTask | PythonTask;
  /** The resource file main resolved for this task, if it is resource-bound. */
  file?: TaskFileSource;
  /** Interpreter that runs `unpack.py`. */
  python: string;
  /** `resources/runner/unpack.py`. */
  unpackScript: string;
}

function inside(root: string, path: string): string {
  const target = resolve(root, path);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new Error(`${path} leaves ${root}`);
  return target;
}

function unpack(python: string, script: string, archive: string, dir: string): Promise<string> {
  return new Promise((done, fail) => {
    execFile(python, [script, archive, dir], { timeout: 120_000, maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) fail(new Error((stderr || error.message).trim()));
      else done(stdout.trim());
    });
  });
}

/**
 * Makes `<instance>/work/<task>/` afresh and puts the task's file in it the way the published
 * task will find it (docs/decisions.md "Pre-run parity"): a resource version under its file name
 * (archives unpacked next to it), or a `script:` file under its workspace path. The working
 * directory of the attempt is this folder, never the workspace.
 */
export async function prepareTaskWorkDir(o: TaskWorkDirOptions): Promise<TaskWorkDir> {
  const dir = join(o.instanceDir, 'work', o.task.name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const notes: string[] = [];
  const f = o.file;
  if (f?.kind === 'unavailable') throw new Error(f.message);
  if (f) {
    if (basename(f.fileName) !== f.fileName) throw new Error(`resource file name "${f.fileName}" must not contain a folder`);
    const target = join(dir, f.fileName);
    let source: RunTaskSource;
    if (f.kind === 'resource') {
      const bytes = await readFile(f.file);
      const actual = sha256(bytes);
      if (actual !== f.sha256) throw new Error(`${f.resource} ${f.version}: the copy read from git has sha256 ${actual.slice(0, 12)}…, the version records ${f.sha256.slice(0, 12)}…`);
      await writeFile(target, bytes);
      source = { kind: 'resource', resource: f.resource, version: f.version, file: f.fileName, sha256: actual };
      notes.push(`resource ${f.resource} ${f.version} (sha256 ${actual.slice(0, 12)}…) → ${f.fileName}`);
    } else {
      const bytes = await readFile(inside(o.workspaceRoot, f.path)).catch(() => {
        throw new Error(`the working copy ${f.path} of resource ${f.resource} does not exist`);
      });
      await writeFile(target, bytes);
      source = { kind: 'working-copy', resource: f.resource, ...(f.version ? { version: f.version } : {}), path: f.path, file: f.fileName, sha256: sha256(bytes) };
      notes.push(`working copy of ${f.path} (resource ${f.resource}, not its pinned ${f.version ?? 'version'}) → ${f.fileName}`);
    }
    if (ARCHIVES.has(f.format)) notes.push(await unpack(o.python, o.unpackScript, target, dir));
    return { dir, source, notes };
  }
  if (o.task.script !== undefined) {
    const from = inside(o.workspaceRoot, o.task.script);
    const to = inside(dir, o.task.script);
    await mkdir(dirname(to), { recursive: true });
    await copyFile(from, to).catch(() => {
      throw new Error(`script ${o.task.script} does not exist in the workspace`);
    });
    const hash = sha256(await readFile(to));
    notes.push(`script ${o.task.script} (sha256 ${hash.slice(0, 12)}…)`);
    return { dir, source: { kind: 'script', path: o.task.script, sha256: hash }, notes };
  }
  return { dir, notes };
}
