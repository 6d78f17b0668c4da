import { describe, expect, it } from 'vitest';
import { checkPythonSyntax } from './python-syntax';

describe('checkPythonSyntax (the real python3)', () => {
  it('is null for a file that compiles, and never runs it', async () => {
    expect(await checkPythonSyntax('import sys\nsys.exit(3)\nraise SystemExit(4)\n', 'python3')).toBeNull();
  });

  it('gives the first syntax error with its line, column and the interpreter’s words', async () => {
    const found = await checkPythonSyntax('def main():\n    rows = [1, 2\n    return 0\n', 'python3');
    expect(found).toMatchObject({
      line: 2,
      message: expect.stringMatching(/^SyntaxError: .*(never closed|invalid syntax)/),
    });
    expect(await checkPythonSyntax('def main():\nreturn 0\n', 'python3')).toMatchObject({
      line: 2,
      message: expect.stringMatching(/^IndentationError: /),
    });
  });

  it('says why when the interpreter cannot be started', async () => {
    await expect(checkPythonSyntax('x = 1\n', 'no-such-python-3')).rejects.toThrow(
      /cannot start no-such-python-3/,
    );
  });
});
