import { ApiFailure, badParam, MSG } from './api-error';
import { splitNames, type EmulatorState, type EmulatorUser, type FlowRecord } from './store';

/** One business request, after authentication and the OU/user check. */
export interface RequestContext {
  readonly state: EmulatorState;
  /** Server time of the request (the emulator clock). */
  readonly now: number;
  readonly user: EmulatorUser;
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
}

/** A positive integer from a number or numeric string (spec §7.2), else undefined. */
export function toInt(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

/** The caller's workflow `flowId`, or 62102 with `message`. */
export function findFlow(ctx: RequestContext, flowId: unknown, message: string = MSG.incorrect): FlowRecord {
  const id = toInt(flowId);
  const flow = id === undefined ? undefined : ctx.state.flows.get(id);
  if (!flow || flow.orgId !== ctx.user.orgId) throw badParam(message);
  return flow;
}

export function isOwner(
  user: EmulatorUser,
  flow: { owners?: string; owner?: string; creator?: string },
): boolean {
  return flow.creator === user.name || splitNames(flow.owners ?? flow.owner ?? '').includes(user.name);
}

/** 62103 unless the caller owns the workflow. */
export function requireOwner(
  ctx: RequestContext,
  flow: { owners?: string; owner?: string; creator?: string },
): void {
  if (!isOwner(ctx.user, flow)) throw new ApiFailure(62103, MSG.noPrivilege);
}

/** 62105 when the caller's account is locked. */
export function requireUnlocked(ctx: RequestContext): void {
  if (ctx.state.lockedUsers.has(ctx.user.userId)) throw new ApiFailure(62105, MSG.locked);
}

/** Case-insensitive fuzzy match used by `expression` filters. */
export function fuzzy(expression: unknown, ...fields: string[]): boolean {
  if (typeof expression !== 'string' || expression.trim() === '') return true;
  const e = expression.trim().toLowerCase();
  return fields.some((f) => f.toLowerCase().includes(e));
}

interface PaginationLike {
  pageNo?: unknown;
  pageSize?: unknown;
  sorters?: unknown;
}

/**
 * Sort and slice by a Pagination struct (spec §1.4). `fields` maps accepted sorter names (camel
 * and snake case) to a key function; an unknown field is 62102. `pageNo` 0 and 1 both mean the
 * first page.
 */
export function paginate<T>(
  items: T[],
  pagination: unknown,
  fields: Record<string, (t: T) => number | string>,
  fallback: (a: T, b: T) => number,
): T[] {
  const p = (pagination && typeof pagination === 'object' ? pagination : {}) as PaginationLike;
  const pageNo = toInt(p.pageNo) ?? 1;
  const pageSize = toInt(p.pageSize) ?? 10;
  if (pageNo < 0 || pageSize <= 0) throw badParam();
  const sorters = Array.isArray(p.sorters) ? (p.sorters as { field?: unknown; order?: unknown }[]) : [];
  const keys = sorters.map((s) => {
    const key = typeof s?.field === 'string' ? fields[s.field] : undefined;
    if (!key) throw badParam(MSG.badSorter);
    const desc = String(s.order ?? 'ASC').toUpperCase() === 'DESC';
    return { key, desc };
  });
  const sorted = [...items].sort((a, b) => {
    for (const { key, desc } of keys) {
      const x = key(a);
      const y = key(b);
      if (x !== y) return (x < y ? -1 : 1) * (desc ? -1 : 1);
    }
    return fallback(a, b);
  });
  const start = (Math.max(pageNo, 1) - 1) * pageSize;
  return sorted.slice(start, start + pageSize);
}

/** True when the directed graph has a cycle. */
export function hasCycle(nodes: readonly string[], edges: readonly [string, string][]): boolean {
  const out = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const [s, t] of edges) out.get(s)?.push(t);
  const state = new Map<string, 1 | 2>();
  const visit = (n: string): boolean => {
    if (state.get(n) === 1) return true;
    if (state.get(n) === 2) return false;
    state.set(n, 1);
    for (const t of out.get(n) ?? []) if (visit(t)) return true;
    state.set(n, 2);
    return false;
  };
  return nodes.some((n) => visit(n));
}
