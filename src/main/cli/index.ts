import { parseArgs } from 'node:util';
import { serveCommand } from './serve';
import { validateCommand } from './validate';

const USAGE = `Usage: bdp <command> [options]

Commands:
  serve [--port N] [--user-data DIR] [--workspace DIR | --sample]
        Start the web shell on 127.0.0.1 and print its URL (with the access token).
  validate [DIR] [--json]
        Check a workspace's files; print problems as path:line:col. Exit 1 on errors.
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
