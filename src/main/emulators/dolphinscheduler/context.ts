import { DsFailure, type DsEmulatorState, type DsUser } from './state';

/** Thrown for a missing or unparsable required parameter; the route's fallback code answers it (spec §3.3). */
export class ParamError extends Error {}

/** One incoming call as handlers see it. */
export interface DsContext {
  readonly state: DsEmulatorState;
  readonly now: number;
  readonly user: DsUser;
  readonly path: Readonly<Record<string, string>>;
  readonly params: URLSearchParams;
  readonly files: ReadonlyMap<string, { name: string; bytes: Buffer }>;
}

export function opt(ctx: DsContext, name: string): string | undefined {
  const v = ctx.params.get(name);
  return v === null ? undefined : v;
}

export function req(ctx: DsContext, name: string): string {
  const v = ctx.params.get(name);
  if (v === null) throw new ParamError(`Required request parameter '${name}' is not present`);
  return v;
}

export function int(ctx: DsContext, name: string, fallback?: number): number {
  const v = ctx.params.get(name);
  if (v === null || v === '') {
    if (fallback === undefined) throw new ParamError(`Required request parameter '${name}' is not present`);
    return fallback;
  }
  const n = Number(v);
  if (!Number.isInteger(n)) throw new ParamError(`Failed to convert '${name}' value '${v}' to a number`);
  return n;
}

export function pathInt(ctx: DsContext, name: string): number {
  const n = Number(ctx.path[name]);
  if (!Number.isSafeInteger(n)) throw new ParamError(`Failed to convert path variable '${name}'`);
  return n;
}

/** Enum parameter by name only (spec §1: an integer or unknown name is rejected). */
export function enumParam<T extends string>(
  ctx: DsContext,
  name: string,
  values: readonly T[],
  fallback?: T,
): T {
  const v = ctx.params.get(name);
  if (v === null || v === '') {
    if (fallback === undefined) throw new ParamError(`Required request parameter '${name}' is not present`);
    return fallback;
  }
  if (!(values as readonly string[]).includes(v))
    throw new ParamError(`Failed to convert '${name}' value '${v}'`);
  return v as T;
}

export function paging(ctx: DsContext): { pageNo: number; pageSize: number } {
  const pageNo = int(ctx, 'pageNo');
  const pageSize = int(ctx, 'pageSize');
  if (pageNo <= 0) throw new DsFailure('REQUEST_PARAMS_NOT_VALID_ERROR', ['pageNo']);
  if (pageSize <= 0) throw new DsFailure('REQUEST_PARAMS_NOT_VALID_ERROR', ['pageSize']);
  return { pageNo, pageSize };
}

/** PageInfo (spec §4), including the `pageNo` = row offset quirk. */
export function pageOf<T>(items: readonly T[], pageNo: number, pageSize: number): unknown {
  const offset = (pageNo - 1) * pageSize;
  return {
    totalList: items.slice(offset, offset + pageSize),
    total: items.length,
    totalPage: items.length === 0 ? 1 : Math.ceil(items.length / pageSize),
    pageSize,
    currentPage: pageNo,
    pageNo: offset,
  };
}

export function parseJsonParam<T>(text: string, name: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new DsFailure('REQUEST_PARAMS_NOT_VALID_ERROR', [name]);
  }
}

export function duration(start?: number, end?: number): string | null {
  if (start === undefined) return null;
  const s = Math.max(0, Math.round(((end ?? start) - start) / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h ? `${h}h ` : ''}${h || m ? `${m}m ` : ''}${s % 60}s`;
}
