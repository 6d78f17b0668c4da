"""BDP Studio PYTHON task shim: EnOS success semantics for a Python script.

Usage: python3 -u python_main_shim.py <script.py> [args...]

EnOS rule (spec 2.3): the script defines main(); the task succeeds only when main() returns 0.
Any other return value (-1, 'fail', None, True, ...) or an uncaught exception fails the task.
A script without a top-level main() is run as __main__ and succeeds when it exits with code 0
(BDP Studio's decision where the spec is silent; the log says which rule applied).

When the script defines main(), it is executed under the module name "__bdp_task__" so that an
`if __name__ == "__main__": main()` guard does not call main() a second time; the shim calls it
exactly once.
"""

import ast
import os
import runpy
import sys
import traceback

PREFIX = "[bdp]"


def defines_main(source, path):
    try:
        tree = ast.parse(source, filename=path)
    except SyntaxError:
        return False  # let the real run report the syntax error with its traceback
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == "main":
            return True
        if isinstance(node, (ast.Assign,)) and any(isinstance(t, ast.Name) and t.id == "main" for t in node.targets):
            return True
    return False


def is_zero(value):
    return isinstance(value, int) and not isinstance(value, bool) and value == 0


HIDDEN = (os.path.abspath(__file__), os.path.abspath(runpy.__file__))


def print_exception(e):
    """The traceback from the user's code down, without this shim's and runpy's frames."""
    frames = [f for f in traceback.extract_tb(e.__traceback__) if os.path.abspath(f.filename) not in HIDDEN and not f.filename.startswith("<frozen")]
    lines = ["Traceback (most recent call last):\n"] if frames else []
    lines += traceback.format_list(frames) + traceback.format_exception_only(type(e), e)
    sys.stderr.write("".join(lines))


def run(argv):
    if len(argv) < 1:
        sys.stderr.write(PREFIX + " usage: python_main_shim.py <script.py> [args...]\n")
        return 2
    path = argv[0]
    try:
        with open(path, "rb") as f:
            source = f.read().decode("utf-8")
    except OSError as e:
        # As python3 itself words it, so the log reads the same as on the backend.
        sys.stderr.write("python3: can't open file %r: [Errno %s] %s\n" % (os.path.abspath(path), e.errno, e.strerror))
        return 2

    sys.argv = [path] + list(argv[1:])
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))

    name = os.path.basename(path)
    if not defines_main(source, path):
        # Plain script: sys.exit behaves as with `python3 script.py`; success is exit code 0.
        sys.stdout.write("%s rule: %s defines no main(), so the task succeeds when it exits with code 0\n" % (PREFIX, name))
        try:
            runpy.run_path(path, run_name="__main__")
        except SystemExit:
            raise
        except BaseException as e:  # noqa: BLE001 - every failure must reach the task log
            print_exception(e)
            return 1
        return 0

    sys.stdout.write("%s rule: %s defines main(); the task succeeds when main() returns 0\n" % (PREFIX, name))
    try:
        module = runpy.run_path(path, run_name="__bdp_task__")
        main = module.get("main")
        if not callable(main):
            sys.stderr.write("%s main is not callable; the task fails\n" % PREFIX)
            return 1
        result = main()
    except SystemExit:
        raise
    except BaseException as e:  # noqa: BLE001 - every failure must reach the task log
        print_exception(e)
        sys.stderr.write("%s main() raised %s: %s; the task fails\n" % (PREFIX, type(e).__name__, e))
        return 1
    if is_zero(result):
        sys.stdout.write("%s main() returned 0: success\n" % PREFIX)
        return 0
    sys.stderr.write("%s main() returned %r, not 0; the task fails\n" % (PREFIX, result))
    return 1


if __name__ == "__main__":
    code = run(sys.argv[1:])
    sys.stdout.flush()
    sys.stderr.flush()
    sys.exit(code)
