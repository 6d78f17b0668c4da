/**
 * A script file as a task run sees it (docs/decisions.md "Pre-run parity"): a task substitutes
 * `${...}` in its command (spec §2.2) and `canaanhive` substitutes `${env.X}` inside HQL (§3.5);
 * nothing substitutes `${...}` inside a Python or shell file. F5 (Script Development, §5.2) does,
 * which is why a file can pass with F5 and fail as a task: these functions show the difference.
 */
import type { PythonTask, Resource, ShellTask, Workflow } from './model';
import {
  isSystemVariable,
  parseCanaanhiveCommand,
  substituteCanaanhive,
  substituteVariables,
  type VariableContext,
} from './variables';

/** A SHELL / PYTHON task that runs a file: as its `script:` or as its resource's source. */
export interface TaskFileUse {
  workflow: Workflow;
  workflowPath: string;
  task: ShellTask | PythonTask;
  via: 'script' | 'resource';
}

/** `daily_orders › clean_orders`. */
export const taskUseLabel = (u: Pick<TaskFileUse, 'workflow' | 'task'>): string =>
  `${u.workflow.name} › ${u.task.name}`;

/** The tasks of `workflows` that run the workspace file `path`. */
export function tasksUsingFile(
  path: string,
  workflows: readonly { path: string; workflow: Workflow }[],
  resources: ReadonlyMap<string, Resource>,
): TaskFileUse[] {
  const out: TaskFileUse[] = [];
  for (const { path: workflowPath, workflow } of workflows) {
    for (const task of workflow.tasks) {
      if (task.type !== 'SHELL' && task.type !== 'PYTHON') continue;
      if (task.script === path) out.push({ workflow, workflowPath, task, via: 'script' });
      else if (task.resource && resources.get(task.resource.name)?.source === path)
        out.push({ workflow, workflowPath, task, via: 'resource' });
    }
  }
  return out;
}

/** A `${name}` left in the file that F5 would have filled (a system variable or a parameter). */
export interface UnsubstitutedPlaceholder {
  name: string;
  /** Offset of the `$` in the text. */
  offset: number;
  length: number;
}

export interface TaskFileView {
  /** The task's command, placeholders substituted. */
  command: string;
  /** The file as the task's process reads it. */
  text: string;
  /** How it got there, for the preview header. */
  how: string;
  unsubstituted: UnsubstitutedPlaceholder[];
}

const PLACEHOLDER = /\$(\$?)\{([^{}\s]+)\}/g;

/**
 * The file as `use`'s task sees it when triggered in `context`: HQL passed to `canaanhive -f`
 * gets the `-d` / `-E` values of the (substituted) command; any other file is read as written.
 * `unsubstituted` lists what F5 would have filled and the task will not.
 */
export function taskFileView(
  text: string,
  language: string,
  use: TaskFileUse,
  context: VariableContext,
): TaskFileView {
  const scope = { context, workflowParameters: use.workflow.parameters, taskParameters: use.task.parameters };
  const command = use.task.command === undefined ? '' : substituteVariables(use.task.command, scope).text;
  let seen = text;
  let how = `${use.task.type === 'PYTHON' && use.task.command === undefined ? 'run through main()' : 'read by the command'}, no \${...} substituted inside the file`;
  const hive = language === 'hql' || language === 'sql' ? parseCanaanhiveCommand(command) : null;
  if (hive?.file !== undefined) {
    seen = substituteCanaanhive(text, { date: hive.date, env: hive.env }).text;
    how = `canaanhive -f: \${env.X} from -E${hive.date ? ' and the -d date tokens' : ''}, nothing else`;
  }
  const known = (name: string): boolean =>
    isSystemVariable(name) || name in use.workflow.parameters || name in use.task.parameters;
  const unsubstituted: UnsubstitutedPlaceholder[] = [];
  for (const m of seen.matchAll(PLACEHOLDER)) {
    if (!m[1] && known(m[2])) unsubstituted.push({ name: m[2], offset: m.index!, length: m[0].length });
  }
  return { command, text: seen, how, unsubstituted };
}

/** Spans that are prose, not code: line comments, SQL block comments, Python triple-quoted strings. */
function proseSpans(text: string, language: string): Array<[number, number]> {
  const re =
    language === 'python'
      ? /"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|#[^\n]*/g
      : language === 'shell'
        ? /"(?:[^"\\]|\\.)*"|'[^']*'|(?:^|(?<=\s))#[^\n]*/gm
        : /'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.)*"|--[^\n]*|\/\*[\s\S]*?(?:\*\/|$)/g;
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(re)) {
    const t = m[0];
    if (
      t.startsWith('#') ||
      t.startsWith('--') ||
      t.startsWith('/*') ||
      t.startsWith('"""') ||
      t.startsWith("'''")
    )
      spans.push([m.index!, m.index! + t.length]);
  }
  return spans;
}

/**
 * The `${...}` a task run leaves in the file, located in the file as written (HQL: those
 * canaanhive does not fill). Comments and docstrings are prose: what they say is not flagged.
 */
export function unsubstitutedInFile(
  text: string,
  language: string,
  use: TaskFileUse,
): UnsubstitutedPlaceholder[] {
  const hive =
    language === 'hql' || language === 'sql' ? parseCanaanhiveCommand(use.task.command ?? '') : null;
  const known = (name: string): boolean =>
    isSystemVariable(name) || name in use.workflow.parameters || name in use.task.parameters;
  const prose = proseSpans(text, language);
  const out: UnsubstitutedPlaceholder[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m[1] || prose.some(([from, to]) => m.index! >= from && m.index! < to)) continue;
    const name = m[2];
    if (hive?.file !== undefined && name.startsWith('env.')) continue; // canaanhive's own
    if (known(name)) out.push({ name, offset: m.index!, length: m[0].length });
  }
  return out;
}

/** The next free positional argument of a command line (`$1` when it has none after the file). */
function nextArgument(command: string): number {
  const words = [...command.matchAll(/"(?:[^"\\]|\\.)*"|'[^']*'|\S+/g)].map((m) => m[0]);
  const file = words.findIndex((w) => /\.(py|sh|bash)$/.test(w));
  return file < 0 ? 1 : words.length - file;
}

/** A quick fix: edit the file and the task's command so the task passes the value in. */
export interface PassInFix {
  title: string;
  /** What to replace in the file (the placeholder, or the string literal that is only the placeholder). */
  edit: { offset: number; length: number; text: string };
  /** The task's new command. */
  command: string;
}

/**
 * How to hand the placeholder at `at` to the file from the task's command: shell scripts read
 * `$N` and the command appends `"${name}"`; HQL reads `${env.NAME}` and the canaanhive command
 * gets `-E NAME=${name}` (for the business date with `-d ${cal_dt}`: `${env.YYYYMMDD}`); Python
 * replaces a string literal that is just the placeholder with `sys.argv[N]`. Undefined when the
 * command cannot take it.
 */
export function passInFix(
  text: string,
  at: UnsubstitutedPlaceholder,
  language: string,
  use: TaskFileUse,
): PassInFix | undefined {
  const command = use.task.command ?? '';
  const { name } = at;
  const here = { offset: at.offset, length: at.length };
  if (language === 'hql' || language === 'sql') {
    const hive = parseCanaanhiveCommand(command);
    if (hive?.file === undefined) return undefined;
    if (name === 'cal_dt' && hive.date === '${cal_dt}')
      return {
        title: 'Use ${env.YYYYMMDD}: canaanhive fills it from -d ${cal_dt}',
        edit: { ...here, text: '${env.YYYYMMDD}' },
        command,
      };
    const key = name.replace(/[^A-Za-z0-9_]/g, '_').toUpperCase();
    const exists = hive.env[key] === `\${${name}}`;
    return {
      title: `Read \${env.${key}}${exists ? '' : ` and add -E ${key}=\${${name}} to ${taskUseLabel(use)}`}`,
      edit: { ...here, text: `\${env.${key}}` },
      command: exists ? command : `${command} -E ${key}=\${${name}}`,
    };
  }
  if (!command.trim()) return undefined;
  const n = nextArgument(command);
  const appended = `${command} "\${${name}}"`;
  if (language === 'shell')
    return {
      title: `Read $${n} and pass "\${${name}}" from ${taskUseLabel(use)}`,
      edit: { ...here, text: `$${n}` },
      command: appended,
    };
  if (language === 'python') {
    const q = text[at.offset - 1];
    if ((q === '"' || q === "'") && text[at.offset + at.length] === q) {
      return {
        title: `Read sys.argv[${n}] and pass "\${${name}}" from ${taskUseLabel(use)}`,
        edit: { offset: at.offset - 1, length: at.length + 2, text: `sys.argv[${n}]` },
        command: appended,
      };
    }
  }
  return undefined;
}
