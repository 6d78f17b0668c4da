import { fmt, int, opt, pageOf, paging, parseDate, pathInt, req, type DsContext } from './context';
import { DEMO_ADMIN, DsFailure, FINISHED_WORKFLOW, type DsProject, type DsUser } from './state';
import { randomUUID } from 'node:crypto';

/** Login, tokens, the current user and projects (spec §2, §5.1). */

const SESSION_TIME_OUT_MS = 7200_000;

export function login(ctx: Omit<DsContext, 'user'>): { sessionId: string; securityConfigType: string } {
  const name = ctx.params.get('userName');
  const password = ctx.params.get('userPassword');
  const user = [...ctx.state.users.values()].find((u) => u.userName === name);
  if (!user || user.password !== password) throw new DsFailure(10013, 'user name or password error');
  if (user.state === 0) throw new DsFailure(10148, 'The current user is disabled');
  for (const [id, s] of ctx.state.sessions) {
    if (s.userId !== user.id) continue;
    if (ctx.now - s.loginTime < SESSION_TIME_OUT_MS) {
      s.loginTime = ctx.now;
      return { sessionId: id, securityConfigType: 'PASSWORD' };
    }
    ctx.state.sessions.delete(id);
  }
  const sessionId = randomUUID();
  ctx.state.sessions.set(sessionId, { userId: user.id, loginTime: ctx.now });
  return { sessionId, securityConfigType: 'PASSWORD' };
}

export function signOut(ctx: DsContext): null {
  for (const [id, s] of ctx.state.sessions) if (s.userId === ctx.user.id) ctx.state.sessions.delete(id);
  return null;
}

export function userInfo(ctx: DsContext): unknown {
  const u = ctx.user;
  return {
    id: u.id,
    userName: u.userName,
    userType: u.userType,
    tenantId: u.tenantCode === 'default' ? -1 : 1,
    tenantCode: u.tenantCode,
    email: `${u.userName}@example.invalid`,
    phone: null,
    state: u.state,
    queue: 'default',
    timeZone: 'UTC',
    createTime: fmt(0),
    updateTime: fmt(0),
  };
}

export function createAccessToken(ctx: DsContext): unknown {
  const userId = int(ctx, 'userId');
  const expire = parseDate(req(ctx, 'expireTime'));
  if (userId <= 0) throw new DsFailure(10001, 'request parameter userId is not valid');
  if (expire === undefined) throw new DsFailure(10001, 'request parameter expireTime is not valid');
  if (userId !== ctx.user.id && ctx.user.userType !== 'ADMIN_USER')
    throw new DsFailure(30001, 'user has no operation privilege');
  const t = ctx.state.newToken(userId, expire, opt(ctx, 'token'));
  return {
    id: t.id,
    userId,
    token: t.token,
    expireTime: fmt(t.expireTime),
    createTime: fmt(t.createTime),
    updateTime: fmt(t.createTime),
    userName: null,
  };
}

/** The user a token or session belongs to, or undefined (→ 401 with an empty body). */
export function authenticate(
  state: DsContext['state'],
  now: number,
  token: string | undefined,
  sessionId: string | undefined,
): DsUser | undefined {
  let userId: number | undefined;
  if (token !== undefined) {
    const t = [...state.tokens.values()].find((x) => x.token === token && x.expireTime > now);
    userId = t?.userId;
  } else if (sessionId) {
    userId = state.sessions.get(sessionId)?.userId;
  }
  const user = userId === undefined ? undefined : state.users.get(userId);
  return user && user.state === 1 ? user : undefined;
}

export function projectView(ctx: DsContext, p: DsProject): unknown {
  const defs = [...ctx.state.definitions.values()].filter((d) => d.projectCode === p.code);
  const running = [...ctx.state.instances.values()].filter(
    (i) => i.projectCode === p.code && !FINISHED_WORKFLOW.has(i.state),
  );
  return {
    id: p.id,
    userId: p.userId,
    userName: ctx.state.users.get(p.userId)?.userName ?? DEMO_ADMIN.userName,
    code: p.code,
    name: p.name,
    description: p.description,
    createTime: fmt(p.createTime),
    updateTime: fmt(p.updateTime),
    perm: 7,
    defCount: defs.length,
    // 3.3 drops the running-instance count (spec §10).
    ...(ctx.state.profile === '3.2' ? { instRunningCount: running.length } : {}),
  };
}

/** The project of `{pc}`, else `code` (10018 via hasProjectAndPerm, 10190 via checkProjectAndAuth). */
export function projectOf(ctx: DsContext, code: 10018 | 10190 = 10190): DsProject {
  const p = ctx.state.projects.get(pathInt(ctx, 'pc'));
  if (!p)
    throw new DsFailure(
      code,
      code === 10018 ? 'project  not found ' : 'This project was not found. Please refresh page.',
    );
  return p;
}

export function createProject(ctx: DsContext): unknown {
  const name = req(ctx, 'projectName');
  const description = opt(ctx, 'description') ?? '';
  if ([...description].length > 255) throw new DsFailure(1400004, 'description is too long error');
  if (ctx.state.projectByName(name)) throw new DsFailure(10019, `project ${name} already exists`);
  return projectView(ctx, ctx.state.createProject(name, description, ctx.user.id));
}

export function getProject(ctx: DsContext): unknown {
  const p = ctx.state.projects.get(pathInt(ctx, 'code'));
  if (!p) throw new DsFailure(10018, 'project  not found ');
  return projectView(ctx, p);
}

export function listProjects(ctx: DsContext): unknown {
  const { pageNo, pageSize } = paging(ctx);
  const search = opt(ctx, 'searchVal') ?? '';
  const items = [...ctx.state.projects.values()]
    .filter((p) => p.name.includes(search) || p.description.includes(search))
    .sort((a, b) => b.id - a.id)
    .map((p) => projectView(ctx, p));
  return pageOf(items, pageNo, pageSize);
}

export function allProjects(ctx: DsContext): unknown {
  return [...ctx.state.projects.values()].map((p) => projectView(ctx, p));
}

export function deleteProject(ctx: DsContext): boolean {
  const code = pathInt(ctx, 'code');
  if (!ctx.state.projects.has(code)) throw new DsFailure(10018, 'project  not found ');
  if ([...ctx.state.definitions.values()].some((d) => d.projectCode === code))
    throw new DsFailure(10137, 'please delete the process definitions in project first!');
  ctx.state.projects.delete(code);
  return true;
}
