"""BDP Studio Python debugger: a bdb driver speaking JSON lines over a control channel.

Usage: python3 -u bdb_driver.py --control-fd N --root DIR [--breakpoints JSON] [--stop-on-entry]
       <script.py> [args...]

The script runs through python_main_shim (EnOS semantics: main() returning 0 succeeds), so a
debug run ends exactly like a normal run. Standard library only.

Control channel (file descriptor N, read and written; stdout/stderr stay the program's own):
  driver -> runner, one JSON object per line:
    {"event": "stopped", "reason": "breakpoint"|"step"|"entry", "file", "line",
     "frames": [{"name", "file", "line", "locals": [VAR...], "globals": [VAR...]}]}  (innermost first)
    {"event": "breakpoints", "file", "lines": [verified...]}
    {"event": "evaluated", "id", "result": VAR} or {"event": "evaluated", "id", "error": "..."}
  VAR = {"name", "type", "value", "children"?: [VAR...], "more"?: n}: containers (dict, list,
  tuple, set, objects with attributes) carry their items two levels deep, 50 at most per level.
  runner -> driver, read only while the program is paused:
    {"cmd": "continue"|"next"|"step"|"return"}
    {"cmd": "setBreakpoints", "file": abs path, "lines": [...]}
    {"cmd": "evaluate", "id", "expression", "frame": index into "frames"} (stays paused)
Only frames of files under --root (the workspace) are "user code": the debugger never stops in
the shim, the standard library or site-packages; stepping passes through them.
"""

import bdb
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MAX_FRAMES = 20
MAX_LOCALS = 200
MAX_REPR = 300
HIDDEN_TYPES = ("module", "function", "builtin_function_or_method", "type")


def safe_repr(value):
    try:
        text = repr(value)
    except Exception as e:  # noqa: BLE001 - a broken __repr__ must not kill the session
        text = "<repr failed: %s>" % type(e).__name__
    return text if len(text) <= MAX_REPR else text[: MAX_REPR - 1] + "\u2026"


MAX_CHILDREN = 50
CHILD_DEPTH = 2


def children_of(value):
    """(name, child) pairs of a container, or None for a leaf. Never calls user properties."""
    if isinstance(value, dict):
        return [(safe_repr(k), v) for k, v in value.items()]
    if isinstance(value, (list, tuple)):
        return [("[%d]" % i, v) for i, v in enumerate(value)]
    if isinstance(value, (set, frozenset)):
        return [("[%d]" % i, v) for i, v in enumerate(value)]
    if isinstance(value, (str, bytes, int, float, complex, bool)) or value is None:
        return None
    attrs = getattr(value, "__dict__", None)
    if isinstance(attrs, dict):
        return [(k, v) for k, v in attrs.items() if not k.startswith("__")]
    return None


def variable(name, value, depth=CHILD_DEPTH):
    out = {"name": name, "type": type(value).__name__, "value": safe_repr(value)}
    if depth <= 0:
        return out
    try:
        items = children_of(value)
    except Exception:  # noqa: BLE001 - a container that cannot be iterated is shown as a leaf
        items = None
    if items:
        out["children"] = [variable(k, v, depth - 1) for k, v in items[:MAX_CHILDREN]]
        if len(items) > MAX_CHILDREN:
            out["more"] = len(items) - MAX_CHILDREN
    return out


def user_names(namespace):
    out = []
    for name, value in list(namespace.items()):
        if name.startswith("__") or type(value).__name__ in HIDDEN_TYPES:
            continue
        out.append(variable(name, value))
        if len(out) >= MAX_LOCALS:
            break
    return out


def locals_of(frame):
    return user_names(frame.f_locals)


def globals_of(frame):
    # At module level the locals are the globals: list them once.
    return [] if frame.f_locals is frame.f_globals else user_names(frame.f_globals)


def evaluate(expression, frame):
    """The value of an expression in a paused frame; a statement (x = 1) is executed instead."""
    try:
        code = compile(expression, "<debug console>", "eval")
    except SyntaxError:
        exec(compile(expression, "<debug console>", "exec"), frame.f_globals, frame.f_locals)
        return None
    return eval(code, frame.f_globals, frame.f_locals)


class Channel:
    def __init__(self, fd):
        self.reader = os.fdopen(fd, "rb", buffering=0)
        self.writer = os.fdopen(os.dup(fd), "wb", buffering=0)
        self.pending = b""

    def send(self, obj):
        self.writer.write((json.dumps(obj) + "\n").encode("utf-8"))

    def receive(self):
        while b"\n" not in self.pending:
            chunk = self.reader.read(65536)
            if not chunk:
                return None
            self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        return json.loads(line.decode("utf-8"))


class Driver(bdb.Bdb):
    def __init__(self, channel, root, stop_on_entry):
        bdb.Bdb.__init__(self)
        self.channel = channel
        self.root = os.path.normcase(os.path.abspath(root)) + os.sep
        self.mode = "entry" if stop_on_entry else "continue"

    def is_user(self, frame):
        filename = self.canonic(frame.f_code.co_filename)
        if filename.startswith("<") or os.path.dirname(filename) == HERE:
            return False
        return os.path.normcase(filename).startswith(self.root)

    def set_breakpoints(self, filename, lines):
        filename = self.canonic(filename)
        self.clear_all_file_breaks(filename)
        verified = []
        for line in lines:
            if self.set_break(filename, int(line)) is None:
                verified.append(int(line))
        self.channel.send({"event": "breakpoints", "file": filename, "lines": verified})

    def user_call(self, frame, argument_list):
        pass  # stops happen on lines only

    def user_return(self, frame, return_value):
        # Leaving a frame while stepping: keep stepping into the caller (no "--Return--" stop).
        if self.mode != "continue":
            self.set_step()

    def user_exception(self, frame, exc_info):
        pass  # the shim prints the traceback and fails the run

    def user_line(self, frame):
        if not self.is_user(frame):
            # Pass through non-user code: continue, or keep stepping until user code is reached.
            if self.mode == "continue":
                self.set_continue()
            else:
                self.set_step()
            return
        if self.mode == "entry":
            reason = "entry"
        elif self.break_here(frame):
            reason = "breakpoint"
        else:
            reason = "step"
        self.pause(frame, reason)

    def user_frames(self, frame):
        frames = []
        f = frame
        while f is not None and len(frames) < MAX_FRAMES:
            if self.is_user(f):
                frames.append(f)
            f = f.f_back
        return frames

    def describe(self, f):
        return {
            "name": f.f_code.co_name,
            "file": self.canonic(f.f_code.co_filename),
            "line": f.f_lineno,
            "locals": locals_of(f),
            "globals": globals_of(f),
        }

    def pause(self, frame, reason):
        frames = self.user_frames(frame)
        self.channel.send({
            "event": "stopped",
            "reason": reason,
            "file": self.canonic(frame.f_code.co_filename),
            "line": frame.f_lineno,
            "frames": [self.describe(f) for f in frames],
        })
        while True:
            msg = self.channel.receive()
            if msg is None:
                os._exit(137)  # the runner went away: end at once
            cmd = msg.get("cmd")
            if cmd == "setBreakpoints":
                self.set_breakpoints(msg["file"], msg.get("lines", []))
                continue
            if cmd == "evaluate":
                self.answer(msg, frames)
                continue
            if cmd == "continue":
                self.mode = "continue"
                self.set_continue()
            elif cmd == "next":
                self.mode = "next"
                self.set_next(frame)
            elif cmd == "step":
                self.mode = "step"
                self.set_step()
            elif cmd == "return":
                self.mode = "return"
                self.set_return(frame)
            else:
                continue
            return

    def answer(self, msg, frames):
        index = msg.get("frame", 0)
        reply = {"event": "evaluated", "id": msg.get("id")}
        if not isinstance(index, int) or not 0 <= index < len(frames):
            reply["error"] = "no such frame"
        else:
            # Code run from a trace callback is not traced (CPython pauses tracing meanwhile), so
            # the expression cannot stop inside the debugger's own answer.
            try:
                reply["result"] = variable(msg.get("expression", ""), evaluate(msg.get("expression", ""), frames[index]))
            except BaseException as e:  # noqa: BLE001 - SystemExit from the console must not end the run
                reply["error"] = "%s: %s" % (type(e).__name__, e)
        self.channel.send(reply)


def parse_args(argv):
    opts = {"fd": None, "root": os.getcwd(), "breakpoints": {}, "entry": False}
    i = 0
    while i < len(argv) and argv[i].startswith("--"):
        a = argv[i]
        if a == "--control-fd":
            opts["fd"] = int(argv[i + 1])
            i += 2
        elif a == "--root":
            opts["root"] = argv[i + 1]
            i += 2
        elif a == "--breakpoints":
            opts["breakpoints"] = json.loads(argv[i + 1])
            i += 2
        elif a == "--stop-on-entry":
            opts["entry"] = True
            i += 1
        else:
            raise SystemExit("bdb_driver: unknown option %s" % a)
    if opts["fd"] is None or i >= len(argv):
        raise SystemExit("usage: bdb_driver.py --control-fd N [--root DIR] [--breakpoints JSON] <script.py> [args...]")
    return opts, argv[i:]


def main():
    opts, script_argv = parse_args(sys.argv[1:])
    sys.path.insert(0, HERE)
    import python_main_shim  # noqa: E402 - found next to this file

    sys.path.remove(HERE)
    if sys.path and sys.path[0] == HERE:
        sys.path.pop(0)
    channel = Channel(opts["fd"])
    driver = Driver(channel, opts["root"], opts["entry"])
    for filename, lines in opts["breakpoints"].items():
        driver.set_breakpoints(filename, lines)
    code = driver.runcall(python_main_shim.run, script_argv)
    sys.stdout.flush()
    sys.stderr.flush()
    return code if isinstance(code, int) else 1


if __name__ == "__main__":
    sys.exit(main())
