"""The `hive` / `canaanhive` commands of a pre-run: a thin client of the runner's warehouse.

The runner that started the task (BDP_WAREHOUSE_SOCKET) runs the HiveQL against the local
warehouse; this sends the command line and prints the answer. -f files are read relative to the
current folder.
"""
import os
import sys

import _bdp_warehouse

ENV_KEYS = ("BDP_CAL_DT", "BDP_TRIGGER_TIME")


def main():
    code = 1
    try:
        env = {k: os.environ[k] for k in ENV_KEYS if k in os.environ}
        for message in _bdp_warehouse.request({"op": "hive", "argv": sys.argv[1:], "cwd": os.getcwd(), "env": env}):
            if "out" in message:
                sys.stdout.write(message["out"])
            if "err" in message:
                sys.stderr.write(message["err"])
            if "error" in message:
                sys.stderr.write("FAILED: %s\n" % message["error"])
            if "exit" in message:
                code = int(message["exit"])
    except _bdp_warehouse.WarehouseUnavailable as e:
        sys.stderr.write("%s: %s\n" % (os.path.basename(sys.argv[0]), e))
        return 127
    sys.stdout.flush()
    return code


