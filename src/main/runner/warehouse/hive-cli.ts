import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { substituteCanaanhive } from '../../../shared/variables';
import { openDuckSession } from './duckdb';
import { formatTable, HqlSession, splitHql } from './hql';
import { Warehouse } from './warehouse';

/** Parsed `hive` / `canaanhive` arguments. */
export interface HiveArgs {
  file?: string;
  sql?: string;
  /** `-d yyyy-MM-dd` (canaanhive date). */
  date?: string;
  /** `-E k=v` (`${env.k}`). */
  env: Record<string, string>;
  /** `-d k=v` / `--hivevar k=v` / `--define k=v` (Hive's own `${k}` / `${hivevar:k}`). */
  vars: Record<string, string>;
  silent: boolean;
}

const USAGE = `usage: hive|canaanhive (-f <file.hql> | -e <sql> | -str <sql>) [-d <yyyy-MM-dd>] [-E key=value]... [--hivevar key=value]... [-S]
Runs HiveQL against the BDP Studio local warehouse (<workspace>/.bdp/warehouse).`;

/** Parses the command line; throws a usage message on bad input. */
export function parseHiveArgs(argv: string[]): HiveArgs {
  const out: HiveArgs = { env: {}, vars: {}, silent: false };
  const kv = (s: string | undefined, flag: string): [string, string] => {
    const eq = s?.indexOf('=') ?? -1;
    if (s === undefined || eq <= 0) throw new Error(`${flag} needs key=value`);
    return [s.slice(0, eq), s.slice(eq + 1)];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '-f') out.file = next();
    else if (a === '-e' || a === '-str') out.sql = next();
    else if (a === '-E') {
      const [k, v] = kv(next(), '-E');
      out.env[k] = v;
    } else if (a === '-d' || a === '--define' || a === '--hivevar') {
      const v = next();
      if (a === '-d' && !v.includes('=')) {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v))
          throw new Error(`-d needs a date yyyy-MM-dd (or key=value), got "${v}"`);
        out.date = v;
      } else {
        const [k, val] = kv(v, a);
        out.vars[k] = val;
      }
    } else if (a === '-S' || a === '--silent' || a === '-v' || a === '--verbose')
      out.silent = a === '-S' || a === '--silent';
    else if (a === '-h' || a === '--help') throw new Error(USAGE);
    else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  if ((out.file === undefined) === (out.sql === undefined))
    throw new Error(`give exactly one of -f, -e, -str\n${USAGE}`);
  return out;
}

/** The warehouse folder: `BDP_WAREHOUSE`, else `.bdp/warehouse` of the workspace holding the cwd (a folder with bdp.yaml). */
export function locateWarehouse(cwd: string, env: NodeJS.ProcessEnv): string {
  if (env.BDP_WAREHOUSE) return env.BDP_WAREHOUSE;
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'bdp.yaml'))) return join(dir, '.bdp', 'warehouse');
    if (dirname(dir) === dir) return join(resolve(cwd), '.bdp', 'warehouse');
  }
}

/** Writable streams the CLI prints to (process.stdout/stderr, or test buffers). */
export interface HiveIo {
  out(text: string): void;
  err(text: string): void;
}

/** Runs the CLI; returns the exit code (0 ok, 1 a statement failed, 2 usage). */
export async function runHive(
  argv: string[],
  io: HiveIo,
  cwd = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let args: HiveArgs;
  try {
    args = parseHiveArgs(argv);
  } catch (error) {
    io.err(`${(error as Error).message}\n`);
    return 2;
  }
  let text: string;
  const source = args.file ?? '<command line>';
  try {
    text = args.file !== undefined ? readFileSync(resolve(cwd, args.file), 'utf8') : (args.sql ?? '');
  } catch (error) {
    io.err(`FAILED: cannot read ${args.file}: ${(error as Error).message}\n`);
    return 1;
  }
  const substituted = substituteCanaanhive(text, { date: args.date, env: args.env });
  text = substituted.text.replace(
    /\$\{(?:hivevar:)?([A-Za-z_][A-Za-z0-9_.]*)\}/g,
    (whole, k: string) => args.vars[k] ?? whole,
  );
  if (substituted.unresolved.length > 0)
    io.err(
      `warning: unresolved ${substituted.unresolved.map((u) => '${' + u + '}').join(', ')} (left as written)\n`,
    );

  const warehouse = new Warehouse(locateWarehouse(cwd, env));
  const session = await openDuckSession();
  try {
    const hql = new HqlSession(warehouse, session);
    await hql.init();
    for (const st of splitHql(text)) {
      const started = Date.now();
      try {
        const r = await hql.execute(st.sql);
        if (r.kind === 'rows') io.out(formatTable(r.columns, r.rows));
        else if (!args.silent) io.err(`${r.text}\n`);
      } catch (error) {
        const first = st.sql.split('\n')[0].slice(0, 120);
        io.err(
          `FAILED at line ${st.line} of ${source}: ${(error as Error).message.trim()}\n  statement: ${first}${st.sql.includes('\n') ? ' ...' : ''}\n`,
        );
        return 1;
      }
      if (!args.silent) io.err(`Time taken: ${((Date.now() - started) / 1000).toFixed(3)} seconds\n`);
    }
    return 0;
  } finally {
    session.close();
  }
}
