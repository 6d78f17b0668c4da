import { ParamError, int, opt, pageOf, paging, pathInt, req, type DsContext } from './context';
import { DEMO_ADMIN, DsFailure, FINISHED_WORKFLOW, type DsProject, type DsUser } from './state';
import { randomUUID } from 'node:crypto';

/** Login, tokens, the current user and projects (spec §2, §5.1). */

const SESSION_TIME_OUT_MS = 7200_000;

export function login(ctx: Omit<DsContext, 'user'>): { sessionId: string; securityConfigType: string } {
  const name = ctx.params.get('userName');
  const password = ctx.params.get('userPassword');
  const user = [...ctx.state.users.values()].find((u) => u.userName === name);
  if (!user || user.password !== password) throw new DsFailure('USER_NAME_PASSWD_ERROR');
  if (user.state === 0) throw new DsFailure('USER_DISABLED');
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
    createTime: ctx.state.fmt(0),
    updateTime: ctx.state.fmt(0),
  };
}

export function createAccessToken(ctx: DsContext): unknown {
  const userId = int(ctx, 'userId');
  const expireText = req(ctx, 'expireTime');
  // AccessTokenServiceImpl.createToken: permission, then the user id, then the insert.
  if (userId !== ctx.user.id && ctx.user.userType !== 'ADMIN_USER')
    throw new DsFailure('USER_NO_OPERATION_PERM');
  if (userId <= 0)
    throw new DsFailure('REQUEST_PARAMS_NOT_VALID_ERROR', [
      `User id: ${userId} should not less than or equals to 0.`,
    ]);
  const expire = ctx.state.parseTime(expireText);
  if (expire === undefined) throw new ParamError('expire_time cannot be null'); // the insert fails
  const t = ctx.state.newToken(userId, expire, opt(ctx, 'token'));
  return {
    id: t.id,
    userId,
    token: t.token,
    expireTime: ctx.state.fmt(t.expireTime),
    createTime: ctx.state.fmt(t.createTime),
    updateTime: ctx.state.fmt(t.createTime),
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
    createTime: ctx.state.fmt(p.createTime),
    updateTime: ctx.state.fmt(p.updateTime),
    perm: 7,
    defCount: defs.length,
    // 3.3 drops the running-instance count (spec §10).
    ...(ctx.state.profile === '3.2' ? { instRunningCount: running.length } : {}),
  };
}

/**
 * The project of `{pc}`. Missing: `PROJECT_NOT_FOUND` returned by `hasProjectAndPerm` (10018, the
 * method's own status), or `PROJECT_NOT_EXIST` from `checkProjectAndAuth*` (10190).
 */
export function projectOf(ctx: DsContext, code: 10018 | 10190 = 10190): DsProject {
  const p = ctx.state.projects.get(pathInt(ctx, 'pc'));
  if (!p)
    throw code === 10018
      ? new DsFailure('PROJECT_NOT_FOUND', [''], false)
      : new DsFailure('PROJECT_NOT_EXIST');
  return p;
}

export function createProject(ctx: DsContext): unknown {
  const name = req(ctx, 'projectName');
  const description = opt(ctx, 'description') ?? '';
  // ProjectServiceImpl.createProject returns its failures (putMsg): they keep the 201.
  if ([...description].length > 255) throw new DsFailure('DESCRIPTION_TOO_LONG_ERROR', [], false);
  if (ctx.state.projectByName(name)) throw new DsFailure('PROJECT_ALREADY_EXISTS', [name], false);
  return projectView(ctx, ctx.state.createProject(name, description, ctx.user.id));
}

export function getProject(ctx: DsContext): unknown {
  const p = ctx.state.projects.get(pathInt(ctx, 'code'));
  if (!p) throw new DsFailure('PROJECT_NOT_FOUND', ['']);
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
  if (!ctx.state.projects.has(code)) throw new DsFailure('PROJECT_NOT_FOUND', ['']);
  if ([...ctx.state.definitions.values()].some((d) => d.projectCode === code))
    throw new DsFailure('DELETE_PROJECT_ERROR_DEFINES_NOT_NULL');
  ctx.state.projects.delete(code);
  return true;
}
