"""BDP Studio spawn helper: starts task processes on behalf of the runner process.

Why: on Linux a Node process pays several milliseconds of blocked event loop per spawn (libuv
forks the whole process); CPython spawns with vfork in well under a millisecond. The runner
keeps one helper and asks it to start every task.

Protocol (one JSON object per line).
  in : {"op":"spawn","id":N,"file":F,"args":[...],"cwd":C,"env":{...}}
  out: {"ev":"ready"}
       {"ev":"started","id":N,"pid":P}          the child leads its own session/process group
       {"ev":"error","id":N,"message":M}        could not start
       {"ev":"out","id":N,"s":1|2,"d":TEXT}     stdout (1) / stderr (2), UTF-8, decoded incrementally
       {"ev":"exit","id":N,"code":C,"signal":S}  the leader exited (C or S is null)
       {"ev":"close","id":N}                    both pipes reached EOF (after "exit" or not)
Killing is the runner's job (it signals the process group P). When stdin closes (the runner
went away, even by SIGKILL) every process group still known is killed and the helper exits.
"""

import codecs
import json
import os
import selectors
import signal
import subprocess
import sys

sel = selectors.DefaultSelector()
children = {}  # pid -> {"id", "proc"}
out_buf = []


def emit(obj):
    out_buf.append(json.dumps(obj, separators=(",", ":")))


def flush():
    if not out_buf:
        return
    data = ("\n".join(out_buf) + "\n").encode("utf-8")
    del out_buf[:]
    view = memoryview(data)
    while view:
        try:
            n = os.write(1, view)
        except BlockingIOError:
            continue
        view = view[n:]


def spawn(req):
    rid = req["id"]
    try:
        proc = subprocess.Popen(
            [req["file"]] + list(req.get("args", [])),
            cwd=req.get("cwd"),
            env=req.get("env"),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
            close_fds=True,
        )
    except (OSError, ValueError) as e:
        emit({"ev": "error", "id": rid, "message": "%s: %s" % (type(e).__name__, e)})
        return
    state = {"id": rid, "proc": proc, "open": 2}
    children[proc.pid] = state
    emit({"ev": "started", "id": rid, "pid": proc.pid})
    for fd_obj, stream in ((proc.stdout, 1), (proc.stderr, 2)):
        os.set_blocking(fd_obj.fileno(), False)
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        sel.register(fd_obj, selectors.EVENT_READ, ("pipe", state, stream, decoder))


def on_pipe(fileobj, state, stream, decoder):
    try:
        data = os.read(fileobj.fileno(), 65536)
    except BlockingIOError:
        return
    except OSError:
        data = b""
    if data:
        text = decoder.decode(data)
        if text:
            emit({"ev": "out", "id": state["id"], "s": stream, "d": text})
        return
    rest = decoder.decode(b"", True)
    if rest:
        emit({"ev": "out", "id": state["id"], "s": stream, "d": rest})
    sel.unregister(fileobj)
    fileobj.close()
    state["open"] -= 1
    maybe_close(state)


def maybe_close(state):
    if state["open"] == 0 and state.get("exited"):
        emit({"ev": "close", "id": state["id"]})
        children.pop(state["proc"].pid, None)


def reap():
    for pid, state in list(children.items()):
        if state.get("exited"):
            continue
        code = state["proc"].poll()
        if code is None:
            continue
        state["exited"] = True
        if code < 0:
            emit({"ev": "exit", "id": state["id"], "code": None, "signal": signal.Signals(-code).name})
        else:
            emit({"ev": "exit", "id": state["id"], "code": code, "signal": None})
        maybe_close(state)


def shutdown():
    for pid in list(children):
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
    sys.exit(0)


def main():
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_r, False)
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    sel.register(wake_r, selectors.EVENT_READ, ("wake",))
    stdin_fd = sys.stdin.fileno()
    os.set_blocking(stdin_fd, False)
    sel.register(stdin_fd, selectors.EVENT_READ, ("stdin",))
    pending = b""
    emit({"ev": "ready"})
    flush()
    while True:
        # The timeout is a safety net: SIGCHLD normally wakes the loop at once.
        for key, _ in sel.select(timeout=0.5):
            kind = key.data[0]
            if kind == "stdin":
                try:
                    chunk = os.read(stdin_fd, 1 << 20)
                except BlockingIOError:
                    continue
                if not chunk:
                    shutdown()
                pending += chunk
                while b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    if line.strip():
                        req = json.loads(line)
                        if req.get("op") == "spawn":
                            spawn(req)
            elif kind == "wake":
                try:
                    while os.read(wake_r, 4096):
                        pass
                except BlockingIOError:
                    pass
            else:
                on_pipe(key.fileobj, key.data[1], key.data[2], key.data[3])
        reap()
        flush()


if __name__ == "__main__":
    main()
