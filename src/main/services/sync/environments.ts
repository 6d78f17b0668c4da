import { isMap, isSeq, parseDocument, type Document } from 'yaml';
import type { EnvironmentInput } from '../../../shared/contract';
import { workspaceConfigSchema, type Environment } from '../../../shared/model';
import { AppError } from '../../../shared/rpc/errors';

/** The environments of a bdp.yaml text; a broken file fails with `INVALID_ARGUMENT`. */
export function readEnvironments(text: string): Environment[] {
  const parsed = workspaceConfigSchema.safeParse(parseDocument(text).toJS() ?? {});
  if (!parsed.success)
    throw new AppError('INVALID_ARGUMENT', `bdp.yaml is not valid: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data.environments;
}

function environmentsNode(doc: Document): ReturnType<Document['createNode']> {
  const node = doc.get('environments', true);
  if (isSeq(node)) return node;
  const seq = doc.createNode([]);
  doc.set('environments', seq);
  return seq;
}

/**
 * bdp.yaml with `env` added or replacing the entry named `previousName` (or `env.name`),
 * through the YAML Document API so the user's comments and layout elsewhere survive.
 */
export function upsertEnvironment(text: string, env: EnvironmentInput, previousName?: string): string {
  const doc = parseDocument(text);
  const current = readEnvironments(text);
  const target = previousName ?? env.name;
  if (env.name !== target && current.some((e) => e.name === env.name)) {
    throw new AppError('ALREADY_EXISTS', `an environment named "${env.name}" already exists`);
  }
  const seq = environmentsNode(doc);
  if (!isSeq(seq)) throw new AppError('INVALID_ARGUMENT', 'bdp.yaml: environments is not a list');
  const value = { name: env.name, kind: env.kind, url: env.url, options: env.options };
  const index = seq.items.findIndex((item) => isMap(item) && item.get('name') === target);
  // A flow-style `[]` left by the template would keep the new entry on one line.
  seq.flow = false;
  if (index >= 0) seq.items[index] = doc.createNode(value);
  else seq.items.push(doc.createNode(value));
  const out = doc.toString();
  readEnvironments(out);
  return out;
}

/** bdp.yaml without the environment `name`. */
export function removeEnvironment(text: string, name: string): string {
  const doc = parseDocument(text);
  const seq = doc.get('environments', true);
  if (!isSeq(seq)) return text;
  const index = seq.items.findIndex((item) => isMap(item) && item.get('name') === name);
  if (index < 0) throw new AppError('NOT_FOUND', `no environment named "${name}"`);
  seq.items.splice(index, 1);
  return doc.toString();
}

/**
 * The secure-store key of an environment's secret: the credential it belongs to (kind, URL
 * and the key id), so renaming an environment keeps its secret and changing the key asks
 * for a new one.
 */
export function secretKeyOf(env: Pick<Environment, 'kind' | 'url' | 'options'>): string {
  const id = env.options.accessKey ?? env.options.userName ?? env.options.user ?? env.options.userId ?? '';
  return `publish:${env.kind}:${env.url}:${String(id)}`;
}
