/**
 * How a SHELL / PYTHON task's command meets the files it runs with, the same for a local pre-run
 * and the published task (docs/decisions.md "Pre-run parity"): which files the task has in its
 * working directory, which paths in the command will not exist there, and which `${...}` nothing
 * defines.
 */
import type { PythonTask, Resource, ShellTask } from './model';
import { isSystemVariable, placeholdersIn } from './variables';

/** `python3 [-flags] x.py [args]`: a script run with main() semantics. */
export const PYTHON_SCRIPT_LINE = /^\s*(\S*python[0-9.]*(?:\.exe)?)((?:\s+-[A-Za-z]+)*)\s+(\S+\.py)(\s.*)?$/;
/** Any other command that starts by invoking python (`python3 -m pkg`, `python3 -c ...`). */
const PYTHON_OTHER_LINE = /^\s*\S*python[0-9.]*(?:\.exe)?(\s|$)/;

/** How a PYTHON task's `command` is read (decision in docs/decisions.md). */
export type PythonCommandKind = 'script-line' | 'other-line' | 'inline-code';

/** Classifies a PYTHON command: a `python x.py args` line, another python command line, or inline code. */
export function classifyPythonCommand(command: string): PythonCommandKind {
  if (!command.includes('\n') && PYTHON_SCRIPT_LINE.test(command)) return 'script-line';
  if (!command.includes('\n') && PYTHON_OTHER_LINE.test(command)) return 'other-line';
  return 'inline-code';
}

type ProcessTask = ShellTask | PythonTask;

/** Whether the task's command is a bash command line (SHELL, or a PYTHON command line). */
export function commandRunsInBash(task: ProcessTask): boolean {
  if (task.command === undefined) return false;
  return task.type === 'SHELL' || classifyPythonCommand(task.command) !== 'inline-code';
}

const ARCHIVE_FORMATS = new Set(['zip', 'tar', 'tar.gz']);

/** What a published task finds in its working directory besides what its command creates. */
export interface TaskLayout {
  /** Paths relative to the working directory. */
  files: string[];
  /** An archive is unpacked there too (its members are not known here). */
  archive: boolean;
  /** `resource loader V1.0.0` / `script scripts/x.py`, for messages. */
  origin: string;
}

/** The file name a resource version lands under: the last segment of the version's (or source's) path. */
export function resourceFileName(resource: Resource, version: string): string | undefined {
  const path = resource.versions.find((v) => v.version === version)?.path ?? resource.source;
  return path?.split('/').pop();
}

/** The working-directory layout of a SHELL / PYTHON task; undefined when it ships no file. */
export function taskLayout(
  task: ProcessTask,
  resources: ReadonlyMap<string, Resource>,
): TaskLayout | undefined {
  if (task.resource) {
    const r = resources.get(task.resource.name);
    const name = r && resourceFileName(r, task.resource.version);
    if (!r || !name) return undefined;
    return {
      files: [name],
      archive: ARCHIVE_FORMATS.has(r.format),
      origin: `resource ${r.name} ${task.resource.version}`,
    };
  }
  if (task.script !== undefined)
    return { files: [task.script], archive: false, origin: `script ${task.script}` };
  return undefined;
}

/** A path in a command that the published task will not have. */
export interface CommandPathIssue {
  path: string;
  message: string;
  /** The command with the path written the portable way, when there is one. */
  fixedCommand?: string;
}

const WORD_SPLIT = /[\s;|&<>()'"`=,]+/;

/**
 * Workspace files named in the command that are not in the task's working directory remotely:
 * e.g. `python3 scripts/x.py` when the resource ships `x.py`. Archives are not looked into.
 */
export function commandPathIssues(
  task: ProcessTask,
  resources: ReadonlyMap<string, Resource>,
  workspaceFiles: ReadonlySet<string>,
): CommandPathIssue[] {
  const command = task.command;
  if (command === undefined || !commandRunsInBash(task)) return [];
  const layout = taskLayout(task, resources);
  if (layout?.archive) return [];
  const out: CommandPathIssue[] = [];
  const seen = new Set<string>();
  for (const word of command.split(WORD_SPLIT)) {
    const path = word.replace(/^\.\//, '');
    if (
      !path ||
      path.includes('${') ||
      seen.has(path) ||
      !workspaceFiles.has(path) ||
      layout?.files.includes(path)
    )
      continue;
    seen.add(path);
    const shipped = layout?.files.find((f) => f === path.split('/').pop());
    if (shipped) {
      const fixedCommand = command.split(word).join(shipped);
      out.push({
        path,
        message: `task "${task.name}": the command names ${path}, which the published task will not have: it gets ${shipped} from ${layout!.origin} in its working directory (write ${shipped})`,
        fixedCommand,
      });
    } else {
      out.push({
        path,
        message: `task "${task.name}": the command names ${path}, a workspace file nothing publishes with this task: bind the task to a resource holding it${task.type === 'PYTHON' ? ' or set script:' : ''}, so the published task has it`,
      });
    }
  }
  return out;
}

/** A `${...}` bash accepts: a name, positional or special parameter, with or without an operator. */
const BASH_EXPANSION = /^[#!]?([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])(\[[^\]]*\])?([:%#/^,@+=?-][\s\S]*)?$/;

/** Whether bash expands `${text}` rather than stopping with "bad substitution". */
export function bashAcceptsExpansion(text: string): boolean {
  return BASH_EXPANSION.test(text);
}

/** A `${...}` in a command that no system variable or parameter defines. */
export interface UndefinedPlaceholder {
  name: string;
  /** bash would stop with "bad substitution": a pre-run fails the task before starting it. */
  fatal: boolean;
  message: string;
}

/**
 * The `${...}` of a SHELL / PYTHON command line that nothing defines. Names bash cannot expand
 * (`${env.X}`) are fatal; plain lower-case names are likely typos of a parameter. Upper-case
 * names (`${HOME}`) and bash operators (`${x:-1}`) are left to bash without a word.
 */
export function undefinedPlaceholders(
  task: ProcessTask,
  workflowParameters: Readonly<Record<string, string>>,
): UndefinedPlaceholder[] {
  if (task.command === undefined || !commandRunsInBash(task)) return [];
  const defined = (n: string): boolean =>
    n in task.parameters || n in workflowParameters || isSystemVariable(n);
  const out: UndefinedPlaceholder[] = [];
  for (const name of placeholdersIn(task.command)) {
    if (defined(name)) continue;
    if (!bashAcceptsExpansion(name)) {
      out.push({
        name,
        fatal: true,
        message: `task "${task.name}": \${${name}} is neither a system variable nor a parameter, and bash would stop at it with "bad substitution"`,
      });
    } else if (/^[a-z_][a-z0-9_]*$/.test(name) && /[a-z]/.test(name)) {
      out.push({
        name,
        fatal: false,
        message: `task "${task.name}": \${${name}} is neither a system variable nor a parameter; bash expands it from the environment, or to nothing`,
      });
    }
  }
  return out;
}

/**
 * The command that runs a resource's file the portable way, by task type and format: PYTHON
 * `python3 x.py`; SHELL `sh x.sh`, `canaanhive -f x.hql -d ${cal_dt}`, `java -jar x.jar`,
 * `python3 x.py`. Undefined for archives and formats with no obvious command.
 */
export function proposeCommand(
  taskType: 'SHELL' | 'PYTHON',
  resource: Resource,
  version: string,
): string | undefined {
  const file = resourceFileName(resource, version);
  if (!file) return undefined;
  if (taskType === 'PYTHON') return resource.format === 'py' ? `python3 ${file}` : undefined;
  switch (resource.format) {
    case 'sh':
      return `sh ${file}`;
    case 'hql':
    case 'sql':
      return `canaanhive -f ${file} -d \${cal_dt}`;
    case 'jar':
      return `java -jar ${file}`;
    case 'py':
      return `python3 ${file}`;
    default:
      return undefined;
  }
}
