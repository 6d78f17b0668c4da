import { spawn } from 'node:child_process';
import type { SyntaxProblem } from '../../../shared/contract/runner';

// Compiles (never runs) the text read from stdin and prints its first syntax error as JSON, or null.
const CHECKER = `
import json, sys
source = sys.stdin.buffer.read()
try:
    compile(source, "<editor>", "exec", dont_inherit=True)
    print("null")
except SyntaxError as e:
    print(json.dumps({"line": e.lineno or 1, "column": e.offset or 1, "endLine": getattr(e, "end_lineno", None), "endColumn": getattr(e, "end_offset", None), "message": type(e).__name__ + ": " + str(e.msg)}))
except ValueError as e:
    print(json.dumps({"line": 1, "column": 1, "message": "ValueError: " + str(e)}))
`;

const CHECK_TIMEOUT_MS = 5000;

/**
 * The first syntax error of a Python buffer, as the interpreter the scripts run with reports it
 * (so the rules are that version's), or null. About 30 ms: a fresh `python3 -c` per check.
 */
export function checkPythonSyntax(text: string, python: string): Promise<SyntaxProblem | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['-I', '-c', CHECKER], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), CHECK_TIMEOUT_MS);
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${python} to check the syntax: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      try {
        const found = JSON.parse(out) as
          (SyntaxProblem & { endLine?: number | null; endColumn?: number | null }) | null;
        if (!found) return resolve(null);
        const { endLine, endColumn, ...rest } = found;
        resolve({ ...rest, ...(endLine ? { endLine } : {}), ...(endColumn ? { endColumn } : {}) });
      } catch {
        reject(
          new Error(
            `${python} could not check the syntax (exit ${code}): ${err.trim().split('\n').pop() ?? ''}`,
          ),
        );
      }
    });
    child.stdin.on('error', () => undefined); // the checker may exit before reading everything
    child.stdin.end(text);
  });
}
