import { Document, isMap, isSeq, parseDocument } from 'yaml';
import {
  RESOURCE_FORMATS,
  resourceSchema,
  type Resource,
  type ResourceFormat,
  type ResourceVersion,
} from '../../../shared/model/resource';
import { AppError } from '../../../shared/rpc/errors';
import { resourceFormatOf } from '../../../shared/contract/resources';

export const RESOURCES_DIR = 'resources';
export const RESOURCE_SUFFIX = '.resource.yaml';

export function resourceFilePath(name: string): string {
  return `${RESOURCES_DIR}/${name}${RESOURCE_SUFFIX}`;
}

/** Throws `INVALID_ARGUMENT` naming the supported formats. */
export function requireFormat(fileName: string): ResourceFormat {
  const format = resourceFormatOf(fileName);
  if (!format) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `unsupported resource format: ${fileName} (supported: ${RESOURCE_FORMATS.map((f) => '.' + f).join(', ')})`,
    );
  }
  return format;
}

/** A parsed resource file, kept as a YAML document so edits keep the user's comments and layout. */
export interface ResourceDocument {
  doc: Document;
  resource: Resource;
}

/** Parses and validates a resource file; `INVALID_ARGUMENT` with the first problem when it is not valid. */
export function parseResourceFile(text: string, file: string): ResourceDocument {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new AppError('INVALID_ARGUMENT', `${file}: ${doc.errors[0].message}`);
  const parsed = resourceSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('INVALID_ARGUMENT', `${file}: ${issue.path.join('.') || 'file'}: ${issue.message}`);
  }
  return { doc, resource: parsed.data };
}

/** A new resource file: the documented key order, no versions yet. */
export function newResourceText(resource: {
  name: string;
  description?: string;
  format: ResourceFormat;
  source: string;
}): string {
  const doc = new Document({
    name: resource.name,
    ...(resource.description ? { description: resource.description } : {}),
    format: resource.format,
    source: resource.source,
    versions: [],
  });
  const versions = doc.get('versions');
  if (isSeq(versions)) versions.flow = true;
  return doc.toString();
}

/** The document with `version` appended to `versions` (block style), as text. */
export function withVersionAdded(rd: ResourceDocument, version: ResourceVersion): string {
  const doc = rd.doc.clone();
  const ordered: Record<string, unknown> = { version: version.version };
  if (version.description) ordered.description = version.description;
  Object.assign(ordered, {
    commit: version.commit,
    path: version.path,
    sha256: version.sha256,
    size: version.size,
    createdAt: version.createdAt,
  });
  let versions = doc.get('versions');
  if (!isSeq(versions)) {
    doc.set('versions', doc.createNode([]));
    versions = doc.get('versions');
  }
  if (!isSeq(versions)) throw new AppError('INTERNAL', 'could not add to versions');
  versions.flow = false;
  versions.items.push(doc.createNode(ordered));
  return doc.toString();
}

/** The document without the entry for `version`, as text. */
export function withVersionRemoved(rd: ResourceDocument, version: string): string {
  const doc = rd.doc.clone();
  const versions = doc.get('versions');
  if (!isSeq(versions)) return doc.toString();
  versions.items = versions.items.filter((item) => !(isMap(item) && item.get('version') === version));
  if (versions.items.length === 0) versions.flow = true;
  return doc.toString();
}
