import { parseArgs } from 'node:util';
import { publishCommand } from './publish';
import { runCommand } from './run';
import { scheduleCommand } from './schedule';
import { serveCommand } from './serve';
import { validateCommand } from './validate';

const USAGE = `Usage: bdp <command> [options]

Commands:
  serve [--port N] [--user-data DIR] [--workspace DIR | --sample]
        Start the web shell on 127.0.0.1 and print its URL (with the access token).
  validate [DIR] [--json]
        Check a workspace's files; print problems as path:line:col. Exit 1 on errors.
  publish --env NAME [--dry-run] [--json] [--yes] [--workspace DIR] [--export-resources DIR]
        Publish the workspace to an environment of bdp.yaml (EnOS SecretKey, DolphinScheduler
        access token or password from env var BDP_ENV_<NAME>_SECRET). Exit 1 on errors, 3 when
        remote changes need --yes.
  run <workflow> [--date YYYY-MM-DD] [--node NAME [--downstream]] [--json] [--workspace DIR]
      [--references satisfied|wait|run-first] [--reference-timeout SECONDS]
      [--working-copy] [--external-app call|record]
        Pre-run a workflow locally (business date default yesterday). Streams states and
        logs to stderr; --json prints the final instance. Exit 0 only on SUCCESS.
        Resource-bound tasks run their pinned versions, read from git, unless --working-copy.
        External APP tasks send their requests (call) or only log them (record; default:
        bdp.yaml prerun.externalApp). Waits while another process runs the same workflow.
        References: count as satisfied (default), wait for a successful local instance of
        the referenced workflow for the same date, or run the referenced workflows first.
        Database passwords come from BDP_CONN_<NAME>_PASSWORD.
  schedule <cron> [--tz ZONE] [--from TIME] [--count N] [--json]
        The next fire times of a Quartz cron in a zone (default: this machine's), at or after
        --from (wall clock of the zone; default now), with the business date each processes,
        as DolphinScheduler and EnOS fire it (DST included). Exit 2 when the cron is refused.
  help  Show this help.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serveCommand(
        parseArgs({
          args: rest,
          options: {
            port: { type: 'string', default: '0' },
            'user-data': { type: 'string' },
            workspace: { type: 'string' },
            sample: { type: 'boolean', default: false },
          },
        }).values,
      );
    case 'validate': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { json: { type: 'boolean', default: false } },
      });
      return validateCommand(positionals[0] ?? process.cwd(), values);
    }
    case 'publish':
      return publishCommand(
        parseArgs({
          args: rest,
          options: {
            env: { type: 'string' },
            'dry-run': { type: 'boolean', default: false },
            json: { type: 'boolean', default: false },
            yes: { type: 'boolean', default: false },
            workspace: { type: 'string' },
            'export-resources': { type: 'string' },
          },
        }).values,
      );
    case 'run': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          date: { type: 'string' },
          node: { type: 'string' },
          downstream: { type: 'boolean', default: false },
          json: { type: 'boolean', default: false },
          workspace: { type: 'string' },
          references: { type: 'string' },
          'reference-timeout': { type: 'string' },
          'working-copy': { type: 'boolean', default: false },
          'external-app': { type: 'string' },
        },
      });
      return runCommand(positionals[0], {
        ...values,
        referenceTimeout: values['reference-timeout'],
        workingCopy: values['working-copy'],
        externalApp: values['external-app'],
      });
    }
    case 'schedule': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          tz: { type: 'string' },
          from: { type: 'string' },
          count: { type: 'string' },
          json: { type: 'boolean', default: false },
        },
      });
      return scheduleCommand(positionals.length > 0 ? positionals.join(' ') : undefined, values);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`bdp: unknown command '${command}'\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bdp: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
