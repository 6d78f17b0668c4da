import { enumParam, int, opt, pageOf, paging, req, type DsContext } from './context';
import { DsFailure, type DsResource } from './state';

/** Resource Center on the 3.2.2 storage model (spec §5.2): plain paths, no database rows. */

const TEXT_SUFFIXES = new Set(
  'txt,log,sh,bat,conf,cfg,py,java,sql,xml,hql,properties,json,yml,yaml,ini,js'.split(','),
);
const TYPES = ['FILE', 'UDF', 'ALL'] as const;

function suffix(name: string): string {
  const i = name.lastIndexOf('.');
  return i < 0 ? '' : name.slice(i + 1).toLowerCase();
}

function tenantRoot(ctx: DsContext): string {
  return ctx.state.resourceRoot(ctx.user.tenantCode);
}

/** `checkFullName`: inside the storage base, no `../` (20020). */
function checkPath(ctx: DsContext, fullName: string): void {
  if (fullName === '' || fullName === '/') return;
  if (!fullName.startsWith(ctx.state.storageBase) || fullName.includes('../'))
    throw new DsFailure('ILLEGAL_RESOURCE_PATH', [fullName]);
}

function checkName(name: string): void {
  if (!name || name.includes('/') || name === '..' || name === '.')
    throw new DsFailure('VERIFY_PARAMETER_NAME_FAILED');
}

/** Where a new item named `name` goes for `currentDir` (spec §5.2 "New-item path"). */
function newItemPath(ctx: DsContext, currentDir: string, name: string): string {
  checkPath(ctx, currentDir);
  const root = tenantRoot(ctx);
  const dir = currentDir.includes(root) ? (currentDir.endsWith('/') ? currentDir : `${currentDir}/`) : root;
  const full = dir + name;
  if (full.length > 128) throw new DsFailure('RESOURCE_FULL_NAME_TOO_LONG_ERROR');
  return full;
}

function parentExists(ctx: DsContext, full: string): boolean {
  const root = tenantRoot(ctx);
  const parent = full.slice(0, full.replace(/\/$/, '').lastIndexOf('/') + 1);
  return parent === root || ctx.state.resources.get(parent)?.directory === true;
}

function ensureParents(ctx: DsContext, full: string): void {
  const root = tenantRoot(ctx);
  const rel = full.slice(root.length).replace(/\/$/, '').split('/').slice(0, -1);
  let p = root;
  for (const part of rel) {
    p += `${part}/`;
    if (!ctx.state.resources.has(p)) ctx.state.resources.set(p, item(ctx, p, true, Buffer.alloc(0)));
  }
}

function item(ctx: DsContext, fullName: string, directory: boolean, content: Buffer): DsResource {
  return {
    fullName,
    directory,
    content,
    tenantCode: ctx.user.tenantCode,
    createTime: ctx.now,
    updateTime: ctx.now,
  };
}

/** A parameter 3.2 requires and the 3.3 line no longer takes (spec §10). */
function tenantScoped(ctx: DsContext, read: () => unknown): void {
  if (ctx.state.profile === '3.2') read();
}

/** 3.3 paging item: ResourceItemVO, directories without the trailing `/` (spec §10). */
function resourceItem(ctx: DsContext, r: DsResource, base: string): unknown {
  const fullName = r.fullName.replace(/\/$/, '');
  return {
    alias: fullName.slice(fullName.lastIndexOf('/') + 1),
    userName: r.tenantCode,
    fileName: fullName.slice(base.length),
    fullName,
    directory: r.directory,
    type: 'FILE',
    size: r.content.length,
    createTime: ctx.state.fmt(r.createTime),
    updateTime: ctx.state.fmt(r.updateTime),
  };
}

function storageEntity(ctx: DsContext, r: DsResource, base: string): unknown {
  if (ctx.state.profile === '3.3') return resourceItem(ctx, r, base);
  const trimmed = r.fullName.replace(/\/$/, '');
  const alias = trimmed.slice(trimmed.lastIndexOf('/') + 1) + (r.directory ? '/' : '');
  return {
    id: 0,
    fullName: r.fullName,
    fileName: r.fullName.slice(base.length),
    alias,
    pfullName: base,
    directory: r.directory,
    userId: ctx.user.id,
    userName: r.tenantCode,
    type: 'FILE',
    size: r.content.length,
    createTime: ctx.state.fmt(r.createTime),
    updateTime: ctx.state.fmt(r.updateTime),
  };
}

/**
 * `queryResourceBaseDir`: the tenant's resource folder without a trailing `/` (3.2.2 HDFS/LOCAL
 * `getHdfsResDir`; dev `getStorageBaseDirectory` for every user); a 3.2.2 admin gets the storage
 * base (`getDir(ALL)`), a dev `ALL` the tenant folder.
 */
export function baseDir(ctx: DsContext): string {
  const type = enumParam(ctx, 'type', TYPES);
  const tenant = `${ctx.state.storageBase}/${ctx.user.tenantCode}`;
  if (ctx.state.profile === '3.3') return type === 'ALL' ? tenant : `${tenant}/resources`;
  return ctx.user.userType === 'ADMIN_USER' ? ctx.state.storageBase : `${tenant}/resources`;
}

export function createDirectory(ctx: DsContext): null {
  enumParam(ctx, 'type', TYPES);
  const name = req(ctx, 'name');
  tenantScoped(ctx, () => int(ctx, 'pid'));
  checkName(name);
  const full = `${newItemPath(ctx, req(ctx, 'currentDir'), name)}/`;
  if (ctx.state.resources.has(full) || ctx.state.resources.has(full.slice(0, -1)))
    throw new DsFailure('RESOURCE_EXIST');
  ensureParents(ctx, full);
  ctx.state.resources.set(full, item(ctx, full, true, Buffer.alloc(0)));
  ctx.state.count('mkdir');
  return null;
}

function uploadedFile(ctx: DsContext, required: boolean): { name: string; bytes: Buffer } | undefined {
  const f = ctx.files.get('file');
  if (!f && required) throw new DsFailure('RESOURCE_FILE_IS_EMPTY');
  if (f && f.bytes.length === 0) throw new DsFailure('RESOURCE_FILE_IS_EMPTY');
  return f;
}

export function upload(ctx: DsContext): null {
  enumParam(ctx, 'type', TYPES);
  const name = req(ctx, 'name');
  const currentDir = req(ctx, 'currentDir');
  const file = uploadedFile(ctx, true)!;
  checkName(name);
  if (suffix(name) !== suffix(file.name)) throw new DsFailure('RESOURCE_SUFFIX_FORBID_CHANGE');
  const full = newItemPath(ctx, currentDir, name);
  if (ctx.state.resources.has(full)) throw new DsFailure('RESOURCE_EXIST');
  if (!parentExists(ctx, full)) ensureParents(ctx, full);
  ctx.state.resources.set(full, item(ctx, full, false, file.bytes));
  ctx.state.count('upload');
  return null;
}

/** PUT /resources: re-upload (same name + file), rename (new name), or both. */
export function updateResource(ctx: DsContext): null {
  enumParam(ctx, 'type', TYPES);
  const fullName = req(ctx, 'fullName');
  const name = req(ctx, 'name');
  checkPath(ctx, fullName);
  checkName(name);
  const file = uploadedFile(ctx, false);
  const current = ctx.state.resources.get(fullName);
  if (!current)
    throw new DsFailure('INTERNAL_SERVER_ERROR_ARGS', [`Get file status fail, resource path: ${fullName}`]);
  const trimmed = fullName.replace(/\/$/, '');
  const parent = trimmed.slice(0, trimmed.lastIndexOf('/') + 1);
  const target = parent + name + (current.directory ? '/' : '');
  if (file && suffix(name) !== suffix(file.name)) throw new DsFailure('RESOURCE_SUFFIX_FORBID_CHANGE');
  if (target !== fullName) {
    if (ctx.state.resources.has(target)) throw new DsFailure('RESOURCE_EXIST');
    for (const [k, r] of [...ctx.state.resources]) {
      if (k === fullName || (current.directory && k.startsWith(fullName))) {
        ctx.state.resources.delete(k);
        ctx.state.resources.set(target + k.slice(fullName.length), {
          ...r,
          fullName: target + k.slice(fullName.length),
          updateTime: ctx.now,
        });
      }
    }
    ctx.state.count('rename');
  }
  if (file) {
    const r = ctx.state.resources.get(target)!;
    ctx.state.resources.set(target, { ...r, content: file.bytes, updateTime: ctx.now });
    ctx.state.count('reupload');
  }
  return null;
}

export function listResources(ctx: DsContext): unknown {
  enumParam(ctx, 'type', TYPES);
  const { pageNo, pageSize } = paging(ctx);
  let base = req(ctx, 'fullName');
  tenantScoped(ctx, () => req(ctx, 'tenantCode'));
  const search = opt(ctx, 'searchVal') ?? '';
  if (base === '' || base === '/') base = tenantRoot(ctx);
  checkPath(ctx, base);
  if (!base.endsWith('/')) base += '/';
  const children = [...ctx.state.resources.values()]
    .filter((r) => r.fullName !== base && r.fullName.startsWith(base))
    .filter((r) => !r.fullName.slice(base.length).replace(/\/$/, '').includes('/'))
    .filter((r) => r.fullName.slice(base.length).includes(search))
    .sort((a, b) => (a.fullName < b.fullName ? -1 : 1))
    .map((r) => storageEntity(ctx, r, base));
  return pageOf(children, pageNo, pageSize);
}

/** GET /resources/list: the whole tree (ResourceComponent, with the `dirctory` typo). */
export function resourceTree(ctx: DsContext): unknown {
  enumParam(ctx, 'type', TYPES);
  const root = tenantRoot(ctx);
  const build = (dir: string): unknown[] =>
    [...ctx.state.resources.values()]
      .filter(
        (r) =>
          r.fullName !== dir &&
          r.fullName.startsWith(dir) &&
          !r.fullName.slice(dir.length).replace(/\/$/, '').includes('/'),
      )
      .sort((a, b) => (a.fullName < b.fullName ? -1 : 1))
      .map((r) => ({
        id: 0,
        pid: dir,
        name: r.fullName.replace(/\/$/, '').slice(r.fullName.replace(/\/$/, '').lastIndexOf('/') + 1),
        fullName: r.fullName,
        description: '',
        dirctory: r.directory,
        idValue: r.fullName,
        currentDir: dir,
        type: 'FILE',
        size: r.content.length,
        children: r.directory ? build(r.fullName) : [],
      }));
  return build(root);
}

export function verifyName(ctx: DsContext): null {
  enumParam(ctx, 'type', TYPES);
  const full = req(ctx, 'fullName');
  checkPath(ctx, full);
  if (ctx.state.resources.has(full) || ctx.state.resources.has(`${full}/`))
    throw new DsFailure('RESOURCE_EXIST');
  return null;
}

export function queryFileName(ctx: DsContext): unknown {
  enumParam(ctx, 'type', TYPES);
  const fileName = opt(ctx, 'fileName') ?? '';
  if (!fileName.trim()) throw new DsFailure('REQUEST_PARAMS_NOT_VALID_ERROR', ['fileName']);
  const root = tenantRoot(ctx).replace(/\/$/, '');
  const r = ctx.state.resources.get(root + fileName);
  if (!r) throw new DsFailure('RESOURCE_NOT_EXIST');
  return storageEntity(ctx, r, r.fullName.slice(0, r.fullName.lastIndexOf('/') + 1));
}

export function viewResource(ctx: DsContext): unknown {
  const full = req(ctx, 'fullName');
  tenantScoped(ctx, () => req(ctx, 'tenantCode'));
  const skip = int(ctx, 'skipLineNum');
  const limit = int(ctx, 'limit');
  checkPath(ctx, full);
  if (!TEXT_SUFFIXES.has(suffix(full))) throw new DsFailure('RESOURCE_SUFFIX_NOT_SUPPORT_VIEW');
  const r = ctx.state.resources.get(full);
  if (!r || r.directory) throw new DsFailure('RESOURCE_FILE_NOT_EXIST', [full]);
  const lines = r.content.toString('utf8').split('\n');
  const content = lines.slice(skip, skip + limit).join('\n');
  return ctx.state.profile === '3.3' ? { content } : { alias: full, content };
}

export function downloadResource(ctx: DsContext): { bytes: Buffer; fileName: string } {
  const full = req(ctx, 'fullName');
  checkPath(ctx, full);
  if (full.endsWith('/')) throw new DsFailure('INTERNAL_SERVER_ERROR_ARGS', ["can't download directory"]);
  const r = ctx.state.resources.get(full);
  if (!r)
    throw new DsFailure('INTERNAL_SERVER_ERROR_ARGS', [`The path does not exist. Resource path: ${full}`]);
  return { bytes: r.content, fileName: full.slice(full.lastIndexOf('/') + 1) };
}

export function deleteResource(ctx: DsContext): null {
  const full = req(ctx, 'fullName');
  checkPath(ctx, full);
  const r = ctx.state.resources.get(full) ?? ctx.state.resources.get(`${full}/`);
  if (!r)
    throw new DsFailure('INTERNAL_SERVER_ERROR_ARGS', [`The path does not exist. Resource path: ${full}`]);
  for (const k of [...ctx.state.resources.keys()]) {
    if (k === r.fullName || (r.directory && k.startsWith(r.fullName))) ctx.state.resources.delete(k);
  }
  ctx.state.count('deleteResource');
  return null;
}
