"""Client of the BDP Studio runner's warehouse socket (BDP_WAREHOUSE_SOCKET, BDP_WAREHOUSE_TOKEN).

The `hive` / `canaanhive` commands and the `hive` module of a pre-run talk to the local DuckDB
warehouse through the runner that started the task. Standard library only.
"""

import json
import os
import socket


class WarehouseUnavailable(RuntimeError):
    pass


def _connect():
    address = os.environ.get("BDP_WAREHOUSE_SOCKET")
    if not address:
        raise WarehouseUnavailable(
            "BDP_WAREHOUSE_SOCKET is not set: the local warehouse is reached inside BDP Studio pre-runs and script runs"
        )
    if address.startswith("tcp:"):
        return socket.create_connection(("127.0.0.1", int(address[4:])))
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(address[5:] if address.startswith("unix:") else address)
    return s


def request(message):
    """Sends one request; yields the answer's messages (dicts) as they arrive."""
    message = dict(message, token=os.environ.get("BDP_WAREHOUSE_TOKEN", ""))
    try:
        conn = _connect()
    except OSError as e:
        raise WarehouseUnavailable("cannot reach the warehouse of this pre-run (%s): %s" % (os.environ.get("BDP_WAREHOUSE_SOCKET"), e))
    with conn:
        conn.sendall((json.dumps(message) + "\n").encode("utf-8"))
        buffer = b""
        while True:
            chunk = conn.recv(65536)
            if not chunk:
                break
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                if line:
                    yield json.loads(line.decode("utf-8"))
        if buffer.strip():
            yield json.loads(buffer.decode("utf-8"))
