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
  /** The attempt's folder, empty (see {@link WorkDirs}). */
  dir: string;
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
    execFile(
      python,
      [script, archive, dir],
      { timeout: 120_000, maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) fail(new Error((stderr || error.message).trim()));
        else done(stdout.trim());
      },
    );
  });
}

/** An empty `dir`: one mkdir on a task's first attempt; its parent made once per instance, leftovers of an earlier attempt removed. */
async function freshDir(dir: string): Promise<void> {
  try {
    await mkdir(dir);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      await mkdir(dirname(dir), { recursive: true });
      return freshDir(dir);
    }
    if (code !== 'EEXIST') throw error;
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir);
}

/**
 * The working folders of one instance. A task that ships a file (a resource version, a `script:`)
 * gets `<instance>/work/<task>/`, empty for each attempt and made while the task waits for a slot
 * (a mkdir costs ~0.2 ms of CPU on some file systems), as a DolphinScheduler worker gives each
 * task instance its own execute path. Command-only tasks share `<instance>/work/`: never the
 * workspace, and no mkdir per task (docs/decisions.md "Pre-run parity").
 */
export class WorkDirs {
  private readonly ahead = new Map<string, Promise<void>>();
  private parent: Promise<unknown> | undefined;

  constructor(private readonly instanceDir: string) {}

  private dirOf(task: string): string {
    return join(this.instanceDir, 'work', task);
  }

  private made(): Promise<unknown> {
    this.parent ??= mkdir(join(this.instanceDir, 'work'), { recursive: true });
    return this.parent;
  }

  /** Starts making an empty folder for the next attempt of `task`. */
  prepare(task: string): void {
    const made = this.made().then(() => freshDir(this.dirOf(task)));
    made.catch(() => undefined);
    this.ahead.set(task, made);
  }

  /** The folder command-only tasks of the instance run in. */
  async shared(): Promise<string> {
    await this.made();
    return join(this.instanceDir, 'work');
  }

  /** An empty folder for the next attempt of `task`. */
  async fresh(task: string): Promise<string> {
    const dir = this.dirOf(task);
    const made = this.ahead.get(task);
    this.ahead.delete(task);
    if (
      made &&
      (await made.then(
        () => true,
        () => false,
      ))
    )
      return dir;
    await freshDir(dir);
    return dir;
  }
}

/**
 * Puts the task's file in the attempt's (empty) folder the way the published task will find it (docs/decisions.md "Pre-run parity"): a resource version under its file name
 * (archives unpacked next to it), or a `script:` file under its workspace path. The working
 * directory of the attempt is this folder, never the workspace.
 */
export async function prepareTaskWorkDir(o: TaskWorkDirOptions): Promise<TaskWorkDir> {
  const dir = o.dir;
  const notes: string[] = [];
  const f = o.file;
  if (f?.kind === 'unavailable') throw new Error(f.message);
  if (f) {
    if (basename(f.fileName) !== f.fileName)
      throw new Error(`resource file name "${f.fileName}" must not contain a folder`);
    const target = join(dir, f.fileName);
    let source: RunTaskSource;
    if (f.kind === 'resource') {
      const bytes = await readFile(f.file);
      const actual = sha256(bytes);
      if (actual !== f.sha256)
        throw new Error(
          `${f.resource} ${f.version}: the copy read from git has sha256 ${actual.slice(0, 12)}…, the version records ${f.sha256.slice(0, 12)}…`,
        );
      await writeFile(target, bytes);
      source = {
        kind: 'resource',
        resource: f.resource,
        version: f.version,
        file: f.fileName,
        sha256: actual,
      };
      notes.push(`resource ${f.resource} ${f.version} (sha256 ${actual.slice(0, 12)}…) → ${f.fileName}`);
    } else {
      const bytes = await readFile(inside(o.workspaceRoot, f.path)).catch(() => {
        throw new Error(`the working copy ${f.path} of resource ${f.resource} does not exist`);
      });
      await writeFile(target, bytes);
      source = {
        kind: 'working-copy',
        resource: f.resource,
        ...(f.version ? { version: f.version } : {}),
        path: f.path,
        file: f.fileName,
        sha256: sha256(bytes),
      };
      notes.push(
        `working copy of ${f.path} (resource ${f.resource}, not its pinned ${f.version ?? 'version'}) → ${f.fileName}`,
      );
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
