import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDuckSession } from './duckdb';
import { runHive } from './hive-cli';
import { HqlSession, splitHql, type HqlOutput } from './hql';
import { Warehouse } from './warehouse';

/** Largest request line accepted (a script of HQL, or one SQL statement). */
const MAX_REQUEST = 16 * 1024 * 1024;

type Request =
  | { op: 'hive'; token: string; argv: string[]; cwd: string; env?: Record<string, string> }
  | { op: 'sql'; token: string; sql: string };

/** One JSON line per message; the last one of an answer carries `exit` (hive) or is the result (sql). */
type Send = (message: Record<string, unknown>) => void;

/**
 * The local warehouse served to task processes over a socket only this user can open (a Unix
 * socket in a 0700 folder; loopback TCP on Windows), with a per-runner token: the `hive` /
 * `canaanhive` commands and the Python `hive` module are thin clients of it (resources/runner),
 * so nothing in a task starts Node or Electron (the packaged app turns the `runAsNode` fuse off).
 */
export class WarehouseServer {
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    /** `unix:<path>` or `tcp:<port>`. */
    readonly address: string,
    readonly token: string,
    private readonly cleanup: () => void,
  ) {
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  static async start(workspaceRoot: string): Promise<WarehouseServer> {
    const token = randomBytes(24).toString('hex');
    const warehouseDir = join(workspaceRoot, '.bdp', 'warehouse');
    const server = net.createServer((socket) => serve(socket, warehouseDir, token));
    server.on('error', () => undefined);
    if (process.platform === 'win32') {
      await new Promise<void>((resolve, reject) =>
        server.listen(0, '127.0.0.1', resolve).once('error', reject),
      );
      const { port } = server.address() as net.AddressInfo;
      return new WarehouseServer(server, `tcp:${port}`, token, () => undefined);
    }
    const dir = mkdtempSync(join(tmpdir(), 'bdp-wh-')); // mode 0700: only this user reaches the socket
    const path = join(dir, 'warehouse.sock');
    await new Promise<void>((resolve, reject) => server.listen(path, resolve).once('error', reject));
    return new WarehouseServer(server, `unix:${path}`, token, () =>
      rmSync(dir, { recursive: true, force: true }),
    );
  }

  /** Variables a task process needs to reach the warehouse. */
  env(): Record<string, string> {
    return { BDP_WAREHOUSE_SOCKET: this.address, BDP_WAREHOUSE_TOKEN: this.token };
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.cleanup();
  }
}

function serve(socket: net.Socket, warehouseDir: string, token: string): void {
  socket.setEncoding('utf8');
  let buffer = '';
  let handled = false;
  const send: Send = (m) => {
    if (!socket.destroyed) socket.write(`${JSON.stringify(m)}\n`);
  };
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: string) => {
    if (handled) return;
    buffer += chunk;
    const nl = buffer.indexOf('\n');
    if (nl < 0) {
      if (buffer.length > MAX_REQUEST) {
        handled = true;
        send({ error: 'request too large' });
        socket.end();
      }
      return;
    }
    handled = true;
    void handle(buffer.slice(0, nl), warehouseDir, token, send).finally(() => socket.end());
  });
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function handle(line: string, warehouseDir: string, token: string, send: Send): Promise<void> {
  let req: Request;
  try {
    req = JSON.parse(line) as Request;
  } catch {
    send({ error: 'the request is not JSON' });
    return;
  }
  if (typeof req?.token !== 'string' || !sameToken(req.token, token)) {
    send({ error: 'not authorised: this socket serves the tasks of one BDP Studio runner' });
    return;
  }
  try {
    if (req.op === 'hive' && Array.isArray(req.argv) && typeof req.cwd === 'string') {
      const env = { ...(req.env ?? {}), BDP_WAREHOUSE: warehouseDir };
      const code = await runHive(
        req.argv.map(String),
        { out: (text) => send({ out: text }), err: (text) => send({ err: text }) },
        req.cwd,
        env,
      );
      send({ exit: code });
    } else if (req.op === 'sql' && typeof req.sql === 'string') {
      send(await runSql(warehouseDir, req.sql));
    } else {
      send({ error: 'unknown request' });
    }
  } catch (error) {
    send({ error: error instanceof Error ? error.message : String(error), exit: 1 });
  }
}

/** Runs the statements of `sql` in one session; answers the last statement's result. */
async function runSql(warehouseDir: string, sql: string): Promise<Record<string, unknown>> {
  const statements = splitHql(sql);
  if (statements.length === 0) return { error: 'no statement to run' };
  const session = await openDuckSession();
  try {
    const hql = new HqlSession(new Warehouse(warehouseDir), session);
    await hql.init();
    let last: HqlOutput | undefined;
    for (const st of statements) {
      try {
        last = await hql.execute(st.sql);
      } catch (error) {
        return { error: `line ${st.line}: ${error instanceof Error ? error.message.trim() : String(error)}` };
      }
    }
    return last!.kind === 'rows'
      ? { columns: last!.columns, rows: last!.rows }
      : { message: last!.text, affected: last!.affected ?? 0 };
  } finally {
    session.close();
  }
}
