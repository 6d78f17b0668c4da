// Entry of the `hive` / `canaanhive` shims (resources/runner/bin): bundled to out/main/hive-cli.js.
import { runHive } from './hive-cli';

void runHive(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
