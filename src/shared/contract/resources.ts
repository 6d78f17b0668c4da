import { z } from 'zod';
import { nameSchema } from '../model/common';
import {
  RESOURCE_FORMATS,
  RESOURCE_VERSION_PATTERN,
  type ResourceFormat,
  type ResourceVersion,
} from '../model/resource';
import { defineService } from './types';
import { relativePath } from './workspace';

/** Largest file a resource version may hold, and the largest upload: 32 MiB (base64 over the bridge stays under its 64 MiB message cap). */
export const RESOURCE_MAX_BYTES = 32 * 1024 * 1024;
/** Where uploaded resource files are copied inside the workspace. */
export const RESOURCE_UPLOAD_DIR = 'files';

/** The resource format a file name stands for (`.tar.gz` before `.gz`), or null when resources do not take it. */
export function resourceFormatOf(fileName: string): ResourceFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.tar.gz')) return 'tar.gz';
  const dot = lower.lastIndexOf('.');
  const ext = dot < 0 ? '' : lower.slice(dot + 1);
  return ext !== 'tar.gz' && (RESOURCE_FORMATS as readonly string[]).includes(ext)
    ? (ext as ResourceFormat)
    : null;
}

/** A resource name suggested for a file: its name without the extension, reduced to `[A-Za-z0-9_-]`. */
export function resourceNameFor(fileName: string): string {
  const base = fileName
    .slice(fileName.lastIndexOf('/') + 1)
    .replace(/\.tar\.gz$/i, '')
    .replace(/\.[^.]*$/, '');
  return base.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 64) || 'resource';
}

/** A workflow task that pins a resource version (`resource: { name, version }`). */
export interface ResourceReference {
  /** Workflow name. */
  workflow: string;
  /** Workspace-relative path of the workflow file. */
  path: string;
  task: string;
  /** 1-based line of the task's `resource:` entry, for navigation. */
  line: number;
}

export interface ResourceVersionInfo extends ResourceVersion {
  /** Tasks pinning this version; a version with references cannot be deleted. */
  references: ResourceReference[];
}

/**
 * How the resource's source file stands against git: `committed` (a version can be cut),
 * `modified`/`untracked` (commit first), `missing` (no such file), `none` (no source set).
 */
export type ResourceSourceState = 'committed' | 'modified' | 'untracked' | 'missing' | 'none';

export interface ResourceInfo {
  name: string;
  /** Workspace-relative path of `resources/<name>.resource.yaml`. */
  file: string;
  description?: string;
  format: ResourceFormat;
  /** The working-tree file new versions are cut from. */
  source?: string;
  sourceState: ResourceSourceState;
  /** Newest first (by version number). */
  versions: ResourceVersionInfo[];
  /** The highest version with its patch number bumped; `V1.0.0` for the first. */
  suggestedVersion: string;
  /** Tasks naming this resource with a version it does not have. */
  danglingReferences: (ResourceReference & { version: string })[];
}

/** A resource file that could not be read; listed so the user can fix it rather than lose it. */
export interface BrokenResource {
  file: string;
  error: string;
}

export interface ResourceContent {
  /** The file name of the version's path, for downloads. */
  fileName: string;
  size: number;
  /** Recomputed from the bytes read at the pinned commit; equal to the recorded one (else the call fails). */
  sha256: string;
  encoding: 'utf-8' | 'binary';
  /** The text when `encoding` is `utf-8`, else empty. */
  text: string;
  /** The bytes, base64. */
  base64: string;
}

/**
 * Task resources of the open workspace (`resources/<name>.resource.yaml`, docs/workspace-format.md):
 * named, versioned files. A version `V<x>.<y>.<z>` pins a git commit + path + sha256 + size and
 * never changes. Without an open workspace methods fail with `NO_WORKSPACE`.
 *
 * Errors, common to all methods: `INVALID_ARGUMENT` for a bad name or version string, an
 * unsupported format or a file over `RESOURCE_MAX_BYTES`; `OUTSIDE_WORKSPACE` for a path leaving
 * the root; `NOT_FOUND` for an unknown resource or version.
 */
export interface ResourcesService {
  /** Every resource with its versions and their references, sorted by name; unreadable files apart. */
  list(): Promise<{ resources: ResourceInfo[]; broken: BrokenResource[] }>;
  /** One resource. */
  get(args: { name: string }): Promise<ResourceInfo>;
  /**
   * Creates `resources/<name>.resource.yaml` for a workspace file (`source`). The format comes from
   * the file's extension. Errors: `ALREADY_EXISTS` when the name is taken, `NOT_FOUND` when the
   * source file does not exist.
   */
  create(args: { name: string; description?: string; source: string }): Promise<ResourceInfo>;
  /**
   * Copies an uploaded file into `files/<fileName>` and creates a resource for it (as `create`).
   * The copy is a new, uncommitted file: commit it before cutting a version.
   * Errors: `ALREADY_EXISTS` when the name or `files/<fileName>` is taken.
   */
  upload(args: {
    name: string;
    description?: string;
    fileName: string;
    base64: string;
  }): Promise<ResourceInfo>;
  /**
   * Cuts `version` from the source file as committed at HEAD: records HEAD's commit id, the path,
   * the sha256 and the size, and writes it to the resource file. Errors: `ALREADY_EXISTS` for a
   * version the resource has, `CONFLICT` when the source has uncommitted changes (or was never
   * committed) unless `commitMessage` is given, in which case the source is staged and committed
   * first (with anything else already staged), `INVALID_ARGUMENT` when the resource has no source.
   */
  createVersion(args: {
    name: string;
    version: string;
    description?: string;
    commitMessage?: string;
  }): Promise<ResourceVersionInfo>;
  /** A version's bytes, read from git at the pinned commit. Errors: `CONFLICT` when they no longer match the recorded sha256. */
  readVersion(args: { name: string; version: string }): Promise<ResourceContent>;
  /** Removes a version. Errors: `CONFLICT` while any workflow task pins it. */
  deleteVersion(args: { name: string; version: string }): Promise<void>;
  /** Deletes the resource file (not its source). Errors: `CONFLICT` while it has versions. */
  delete(args: { name: string }): Promise<void>;
}

const version = z
  .string()
  .regex(RESOURCE_VERSION_PATTERN, 'a version looks like V<major>.<minor>.<patch>, e.g. V1.0.1');
const description = z.string().max(2000).optional();
/** Base64 of at most RESOURCE_MAX_BYTES bytes. */
const base64 = z
  .string()
  .max(
    Math.ceil(RESOURCE_MAX_BYTES / 3) * 4 + 4,
    `the file is larger than ${RESOURCE_MAX_BYTES / 1024 / 1024} MB`,
  );

export const resourcesDescriptor = defineService({
  methods: {
    list: z.undefined().optional(),
    get: z.object({ name: nameSchema }),
    create: z.object({ name: nameSchema, description, source: relativePath }),
    upload: z.object({ name: nameSchema, description, fileName: z.string().min(1).max(255), base64 }),
    createVersion: z.object({
      name: nameSchema,
      version,
      description,
      commitMessage: z.string().max(10_000).optional(),
    }),
    readVersion: z.object({ name: nameSchema, version }),
    deleteVersion: z.object({ name: nameSchema, version }),
    delete: z.object({ name: nameSchema }),
  },
  events: [],
});
