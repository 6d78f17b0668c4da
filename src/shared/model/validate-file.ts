import { nextFireInstants } from '../cron';
import { commandPathIssues, undefinedPlaceholders } from '../task-command';
import {
  isCollection,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import type { z } from 'zod';
import type { Problem, ProblemSeverity } from '../contract/workspace';
import { validateDag } from '../dag';
import { connectionsFileSchema, DEFAULT_WAREHOUSE_CONNECTION, type ConnectionsFile } from './connections';
import { resourceSchema, type Resource } from './resource';
import { workflowSchema, TASK_TYPES, type Workflow } from './workflow';
import { workspaceConfigSchema } from './workspace';

export type WorkspaceFileKind = 'workspace' | 'workflow' | 'resource' | 'connections' | 'other';

type PathSeg = string | number;

/** Which workspace file a path is, by name: bdp.yaml, connections.yaml, *.workflow.yaml, *.resource.yaml. */
export function classifyWorkspaceFile(path: string): WorkspaceFileKind {
  const p = path.replace(/\\/g, '/').replace(/^\.\//, '');
  if (p === 'bdp.yaml') return 'workspace';
  if (p === 'connections.yaml') return 'connections';
  if (p.endsWith('.workflow.yaml')) return 'workflow';
  if (p.endsWith('.resource.yaml')) return 'resource';
  return 'other';
}

function baseName(path: string, suffix: string): string {
  const file = path.slice(path.lastIndexOf('/') + 1);
  return file.slice(0, file.length - suffix.length);
}

interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One parsed file with the means to point at any path in it. */
interface ParsedFile {
  path: string;
  kind: WorkspaceFileKind;
  problems: Problem[];
  value?: unknown;
  locate(path: readonly PathSeg[], key?: boolean): Range;
}

class Locator {
  constructor(
    private readonly text: string,
    private readonly doc: Document,
    private readonly lc: LineCounter,
  ) {}

  range(start: number, end: number): Range {
    const s = this.lc.linePos(start);
    const e = this.lc.linePos(Math.max(end, start));
    return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
  }

  /** A block collection spans many lines; underline only its first line. */
  private nodeRange(node: YamlNode): Range {
    const [start, valueEnd] = node.range ?? [0, 0];
    let end = valueEnd;
    if (isCollection(node) && !node.flow) {
      const nl = this.text.indexOf('\n', start);
      end = nl === -1 ? valueEnd : Math.min(valueEnd, nl);
      while (end > start && /\s/.test(this.text[end - 1])) end--;
    }
    return this.range(start, end);
  }

  /**
   * The node at `path`, or the nearest existing ancestor. With `key`, the key of the last map
   * pair instead of its value. Missing children point at the key of their parent.
   */
  locate(path: readonly PathSeg[], key = false): Range {
    let node: unknown = this.doc.contents;
    let keyNode: YamlNode | null = null;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      let next: unknown = undefined;
      let nextKey: YamlNode | null = null;
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
        );
        if (pair) {
          next = pair.value;
          nextKey = isNode(pair.key) ? pair.key : null;
          if (!isNode(next) || (next.range && next.range[0] === next.range[1])) {
            // `key:` with no value: point at the key.
            if (nextKey) return this.nodeRange(nextKey);
          }
        }
      } else if (isSeq(node) && typeof seg === 'number') {
        next = node.items[seg];
      }
      if (!isNode(next)) break;
      node = next;
      keyNode = nextKey;
      if (key && i === path.length - 1 && keyNode) return this.nodeRange(keyNode);
    }
    if (isNode(node)) {
      if (keyNode && isCollection(node) && !node.flow) return this.nodeRange(keyNode);
      return this.nodeRange(node);
    }
    return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  }

  exists(path: readonly PathSeg[]): boolean {
    return this.doc.hasIn(path);
  }

  /** The key node of an unknown key inside the map at `path`. */
  keyRange(path: readonly PathSeg[], keyName: string): Range {
    return this.locate([...path, keyName], true);
  }
}

function formatPath(path: readonly PathSeg[]): string {
  let s = '';
  for (const seg of path)
    s += typeof seg === 'number' ? `[${seg}]` : s === '' ? String(seg) : `.${String(seg)}`;
  return s;
}

function problem(
  file: string,
  r: Range,
  severity: ProblemSeverity,
  message: string,
  source: string,
): Problem {
  return {
    path: file,
    line: r.line,
    column: r.column,
    endLine: r.endLine,
    endColumn: r.endColumn,
    severity,
    message,
    source,
  };
}

function schemaFor(kind: WorkspaceFileKind): z.ZodType | null {
  switch (kind) {
    case 'workspace':
      return workspaceConfigSchema;
    case 'workflow':
      return workflowSchema;
    case 'resource':
      return resourceSchema;
    case 'connections':
      return connectionsFileSchema;
    default:
      return null;
  }
}

function issueProblems(file: string, loc: Locator, raw: unknown, issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path.filter((p): p is PathSeg => typeof p !== 'symbol');
  const where = formatPath(path);
  const prefix = where ? `${where}: ` : '';
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) =>
      problem(
        file,
        loc.keyRange(path, k),
        'error',
        `${where ? `${where}: ` : ''}unknown key "${k}"`,
        'schema',
      ),
    );
  }
  const present = loc.exists(path);
  if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator) {
    const allowed = (issue as { options?: unknown[] }).options?.map(String) ?? [];
    const disc = String(issue.discriminator);
    const value = getIn(raw, path);
    const what = disc === 'type' && path[0] === 'tasks' ? 'task type' : disc;
    const list = disc === 'type' && path[0] === 'tasks' ? [...TASK_TYPES] : allowed;
    const msg =
      value === undefined
        ? `${formatPath(path.slice(0, -1))}: missing "${disc}"; allowed ${what}s: ${list.join(', ')}`
        : `${prefix}unknown ${what} "${String(value)}"; allowed ${what}s: ${list.join(', ')}`;
    return [problem(file, loc.locate(path), 'error', msg, 'schema')];
  }
  if (issue.code === 'invalid_type' && !present && path.length > 0) {
    const parent = path.slice(0, -1);
    const last = path[path.length - 1];
    const at = formatPath(parent);
    return [
      problem(
        file,
        loc.locate(parent),
        'error',
        `${at ? `${at}: ` : ''}missing required key "${String(last)}"`,
        'schema',
      ),
    ];
  }
  if (issue.code === 'invalid_type' && issue.expected === 'boolean' && typeof getIn(raw, path) === 'string') {
    // YAML 1.2 reads yes/no/on/off as strings.
    return [
      problem(
        file,
        loc.locate(path),
        'error',
        `${prefix}expected true or false, got "${String(getIn(raw, path))}"`,
        'schema',
      ),
    ];
  }
  if (issue.code === 'invalid_type' && path.length === 0 && (raw === null || raw === undefined)) {
    return [problem(file, loc.locate([]), 'error', 'the file is empty; expected a YAML mapping', 'schema')];
  }
  return [problem(file, loc.locate(path), 'error', `${prefix}${issue.message}`, 'schema')];
}

function getIn(value: unknown, path: readonly PathSeg[]): unknown {
  let v: unknown = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PathSeg, unknown>)[seg];
  }
  return v;
}

function workflowChecks(file: string, loc: Locator, w: Workflow): Problem[] {
  const out: Problem[] = [];
  const expected = baseName(file, '.workflow.yaml');
  if (w.name !== expected) {
    out.push(
      problem(
        file,
        loc.locate(['name']),
        'error',
        `name "${w.name}" must equal the file name "${expected}"`,
        'schema',
      ),
    );
  }
  for (const issue of validateDag(w))
    out.push(problem(file, loc.locate(issue.path), 'error', issue.message, 'dag'));
  if (w.schedule.type === 'periodic' && neverFires(w.schedule.cron)) {
    out.push(
      problem(
        file,
        loc.locate(['schedule', 'cron']),
        'warning',
        `the cron "${w.schedule.cron}" never fires (no such date from now on): the workflow would never be scheduled`,
        'schema',
      ),
    );
  }
  if (w.schedule.type === 'manual') {
    w.tasks.forEach((t, i) => {
      if (t.config.cron !== undefined) {
        out.push(
          problem(
            file,
            loc.locate(['tasks', i, 'config', 'cron']),
            'warning',
            `task "${t.name}": config.cron is ignored in a manual workflow`,
            'schema',
          ),
        );
      }
      if (t.config.allowReference) {
        out.push(
          problem(
            file,
            loc.locate(['tasks', i, 'config', 'allowReference']),
            'warning',
            `task "${t.name}": only tasks of periodic workflows can be referenced`,
            'schema',
          ),
        );
      }
    });
  }
  return out;
}

/** How many nodes YAML aliases may expand to in one file; beyond it the file is an alias bomb. */
const MAX_ALIAS_COUNT = 1000;
/** Nesting deeper than this is refused before parsing: no workspace file needs it, and a parser's stack does. */
const MAX_NESTING = 200;

/** The deepest flow nesting (`[`/`{`) and block indentation of a text, cheaply, outside quotes. */
function nestingDepth(text: string): { depth: number; offset: number } {
  let depth = 0;
  let max = 0;
  let at = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\n') quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '[' || c === '{') {
      depth++;
      if (depth > max) {
        max = depth;
        at = i;
      }
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return { depth: max, offset: at };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** A problem of the whole file at a 1-based line. */
function fileProblem(
  path: string,
  text: string,
  offset: number,
  message: string,
  source: Problem['source'],
): Problem {
  const line = lineOf(text, offset);
  return {
    path,
    line,
    column: offset - text.lastIndexOf('\n', offset - 1),
    endLine: line,
    endColumn: offset - text.lastIndexOf('\n', offset - 1) + 1,
    severity: 'error',
    message,
    source,
  };
}

/** A valid cron with no fire time left (`0 0 0 30 2 ?`: February 30th; a year range in the past). */
function neverFires(cron: string): boolean {
  try {
    return nextFireInstants(cron, Date.now(), 1).length === 0;
  } catch {
    return false; // invalid crons are reported by the schema
  }
}

/** A file that is not read at all: one problem, nothing to locate in it. */
function unreadable(path: string, kind: WorkspaceFileKind, problems: Problem[]): ParsedFile {
  return { path, kind, problems, locate: () => ({ line: 1, column: 1, endLine: 1, endColumn: 1 }) };
}

function parseFile(path: string, text: string): ParsedFile {
  const kind = classifyWorkspaceFile(path);
  if (kind === 'other') return unreadable(path, kind, []);
  // Hostile or broken input is a problem of this file only, never a failure of the whole check.
  const notUtf8 = text.indexOf('\uFFFD');
  if (notUtf8 >= 0)
    return unreadable(path, kind, [
      fileProblem(
        path,
        text,
        notUtf8,
        'the file is not valid UTF-8 here (a byte sequence that is not UTF-8, shown as U+FFFD); save it as UTF-8',
        'yaml',
      ),
    ]);
  const nesting = nestingDepth(text);
  if (nesting.depth > MAX_NESTING)
    return unreadable(path, kind, [
      fileProblem(
        path,
        text,
        nesting.offset,
        `nesting ${nesting.depth} levels deep is not read (at most ${MAX_NESTING})`,
        'yaml',
      ),
    ]);
  try {
    return parseFileChecked(path, kind, text);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    const alias = /alias/i.test(message) ? (/\*[^\s,\]}]+/.exec(text)?.index ?? 0) : 0;
    const why = /excessive alias count/i.test(message)
      ? `YAML aliases here expand to more than ${MAX_ALIAS_COUNT} nodes (an alias bomb?); the file is not read`
      : `the file cannot be read: ${message}`;
    return unreadable(path, kind, [fileProblem(path, text, alias, why, 'yaml')]);
  }
}

function parseFileChecked(path: string, kind: WorkspaceFileKind, text: string): ParsedFile {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const loc = new Locator(text, doc, lc);
  const base: ParsedFile = { path, kind, problems: [], locate: (p, key) => loc.locate(p, key) };
  for (const e of doc.errors) {
    base.problems.push(
      problem(path, loc.range(e.pos[0], e.pos[1]), 'error', e.message.split('\n')[0], 'yaml'),
    );
  }
  for (const w of doc.warnings) {
    base.problems.push(
      problem(path, loc.range(w.pos[0], w.pos[1]), 'warning', w.message.split('\n')[0], 'yaml'),
    );
  }
  if (doc.errors.length > 0) return base;
  const raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  const schema = schemaFor(kind)!;
  const result = schema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) base.problems.push(...issueProblems(path, loc, raw, issue));
    return base;
  }
  base.value = result.data;
  if (kind === 'workflow') base.problems.push(...workflowChecks(path, loc, result.data as Workflow));
  if (kind === 'resource') {
    const r = result.data as Resource;
    const expected = baseName(path, '.resource.yaml');
    if (r.name !== expected)
      base.problems.push(
        problem(
          path,
          loc.locate(['name']),
          'error',
          `name "${r.name}" must equal the file name "${expected}"`,
          'schema',
        ),
      );
  }
  return base;
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column,
  );
}

/**
 * Parses and validates one workspace file. Problems carry 1-based positions of the offending
 * node; `value` is the parsed model (defaults applied) when the schema accepts the file.
 * Files of kind `other` are not checked.
 */
export function validateWorkspaceFile(
  path: string,
  text: string,
): { kind: WorkspaceFileKind; problems: Problem[]; value?: unknown } {
  const f = parseFile(path, text);
  return { kind: f.kind, problems: sortProblems(f.problems), value: f.value };
}

/** Parses a workflow file; `workflow` is set only when there are no errors (warnings allowed). */
export function parseWorkflow(text: string, path: string): { workflow?: Workflow; problems: Problem[] } {
  const f = parseFile(path, text);
  const problems = sortProblems(f.problems);
  const ok = f.value !== undefined && !problems.some((p) => p.severity === 'error');
  return ok ? { workflow: f.value as Workflow, problems } : { problems };
}

/**
 * Per-file problems plus cross-file checks: a reference to an unknown workflow / task, a Task
 * Ref to a task in a manual workflow or without allowReference, a task resource/version that
 * does not exist in resources/, a Data Sync connection missing from connections.yaml, a script
 * path that does not exist in `files`. Cross-file findings are warnings except where the spec
 * makes them errors (see docs/decisions.md).
 */
export function validateWorkspace(files: ReadonlyMap<string, string>): Problem[] {
  const problems: Problem[] = [];
  const workflows = new Map<string, { file: ParsedFile; wf: Workflow }>();
  const resources = new Map<string, Resource>();
  let connections: ConnectionsFile | undefined;
  const parsed: ParsedFile[] = [];
  // Workflows whose file does not parse: references to them are not reported a second time.
  const invalidWorkflows = new Set<string>();
  for (const [path, text] of files) {
    if (classifyWorkspaceFile(path) === 'other') continue;
    const f = parseFile(path, text);
    parsed.push(f);
    problems.push(...f.problems);
    if (f.value === undefined) {
      if (f.kind === 'workflow') invalidWorkflows.add(baseName(path, '.workflow.yaml'));
      continue;
    }
    if (f.kind === 'workflow') {
      const wf = f.value as Workflow;
      const prev = workflows.get(wf.name);
      if (prev) {
        problems.push(
          problem(
            path,
            f.locate(['name']),
            'error',
            `workflow name "${wf.name}" is also used by ${prev.file.path}`,
            'reference',
          ),
        );
      } else workflows.set(wf.name, { file: f, wf });
    } else if (f.kind === 'resource') {
      const r = f.value as Resource;
      if (resources.has(r.name))
        problems.push(
          problem(
            path,
            f.locate(['name']),
            'error',
            `resource name "${r.name}" is used by another resource file`,
            'reference',
          ),
        );
      else resources.set(r.name, r);
    } else if (f.kind === 'connections') {
      connections = f.value as ConnectionsFile;
    }
  }
  const connectionNames = new Set(connections?.connections.map((c) => c.name) ?? []);
  const workspacePaths = new Set(files.keys());
  const hasConnectionsFile = [...files.keys()].some((p) => classifyWorkspaceFile(p) === 'connections');

  for (const f of parsed) {
    if (f.kind === 'resource' && f.value !== undefined) {
      const r = f.value as Resource;
      if (r.source !== undefined && !files.has(r.source)) {
        problems.push(
          problem(
            f.path,
            f.locate(['source']),
            'warning',
            `source "${r.source}" does not exist in the workspace`,
            'reference',
          ),
        );
      }
    }
  }

  for (const { file, wf } of workflows.values()) {
    const at = (p: PathSeg[], severity: ProblemSeverity, message: string): void => {
      problems.push(problem(file.path, file.locate(p), severity, message, 'reference'));
    };
    wf.references.forEach((ref, i) => {
      if (ref.workflow === wf.name) {
        at(['references', i, 'workflow'], 'error', `reference "${ref.name}" points at its own workflow`);
        return;
      }
      const target = workflows.get(ref.workflow);
      if (!target && invalidWorkflows.has(ref.workflow)) return;
      if (!target) {
        at(
          ['references', i, 'workflow'],
          'warning',
          `reference "${ref.name}": no workflow named "${ref.workflow}" in this workspace`,
        );
        return;
      }
      if (target.wf.schedule.type !== 'periodic') {
        at(
          ['references', i, 'workflow'],
          'error',
          `reference "${ref.name}": workflow "${ref.workflow}" is manual; only periodic workflows and their tasks can be referenced`,
        );
        return;
      }
      if (ref.kind === 'task') {
        const task = target.wf.tasks.find((t) => t.name === ref.task);
        if (!task)
          at(
            ['references', i, 'task'],
            'error',
            `reference "${ref.name}": workflow "${ref.workflow}" has no task "${ref.task}"`,
          );
        else if (!task.config.allowReference) {
          at(
            ['references', i, 'task'],
            'error',
            `reference "${ref.name}": task "${ref.workflow}.${ref.task}" does not allow references (set config.allowReference: true)`,
          );
        }
      }
    });
    wf.tasks.forEach((t, i) => {
      if (t.type === 'SHELL' || t.type === 'PYTHON') {
        if (t.resource) {
          const r = resources.get(t.resource.name);
          if (!r)
            at(
              ['tasks', i, 'resource', 'name'],
              'warning',
              `task "${t.name}": no resource named "${t.resource.name}" in resources/`,
            );
          else if (!r.versions.some((v) => v.version === t.resource!.version)) {
            at(
              ['tasks', i, 'resource', 'version'],
              'warning',
              `task "${t.name}": resource "${t.resource.name}" has no version ${t.resource.version}${r.versions.length ? ` (has ${r.versions.map((v) => v.version).join(', ')})` : ' (no versions yet)'}`,
            );
          }
        }
        if (t.script !== undefined && !files.has(t.script))
          at(['tasks', i, 'script'], 'warning', `task "${t.name}": script "${t.script}" does not exist`);
        for (const issue of commandPathIssues(t, resources, workspacePaths))
          at(['tasks', i, 'command'], 'warning', issue.message);
        for (const u of undefinedPlaceholders(t, wf.parameters))
          at(['tasks', i, 'command'], 'warning', u.message);
      } else if (t.type === 'DATA_SYNC') {
        const check = (name: string, p: PathSeg[]): void => {
          if (connectionNames.has(name)) return;
          if (name === DEFAULT_WAREHOUSE_CONNECTION) return;
          at(
            p,
            'warning',
            `task "${t.name}": connection "${name}" is not in connections.yaml${hasConnectionsFile ? '' : ' (the file is missing)'}`,
          );
        };
        check(t.sync.source.connection, ['tasks', i, 'sync', 'source', 'connection']);
        check(t.sync.target.connection, ['tasks', i, 'sync', 'target', 'connection']);
      }
    });
  }
  return sortProblems(problems);
}
