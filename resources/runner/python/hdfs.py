"""The EnOS PYTHON-task `hdfs` module (spec 2.3), on a local folder standing in for the OU's HDFS.

Paths are HDFS paths ("/user/etl/out/x.csv", or relative to the root); they live under
BDP_HDFS_ROOT (<workspace>/.bdp/hdfs) on this laptop. Every function returns 0 on success and
-1 on failure, with the reason on stderr, as the spec's helpers do.

    import hdfs
    hdfs.mkdir("/reports/weekly")
    hdfs.appendContent("/reports/weekly/2026-11-29.md", "# Weekly sales\\n")  # no newline is added
    hdfs.put("/reports/weekly", "chart.png")
    hdfs.listDir("/reports/weekly")  # prints one entry per line
"""

import os
import shutil
import sys


def _root():
    root = os.environ.get("BDP_HDFS_ROOT")
    if not root:
        raise OSError("BDP_HDFS_ROOT is not set: the local HDFS stand-in exists inside BDP Studio pre-runs and script runs")
    return os.path.realpath(root)


def _local(path):
    root = _root()
    target = os.path.realpath(os.path.join(root, str(path).lstrip("/")))
    if target != root and not target.startswith(root + os.sep):
        raise OSError("%s leaves the HDFS space" % path)
    return target


def _fail(name, path, e):
    print("hdfs.%s(%r) failed: %s" % (name, path, e), file=sys.stderr)
    return -1


def listDir(path):
    """Prints the entries of a directory (directories end with "/"); 0 on success."""
    try:
        target = _local(path)
        for name in sorted(os.listdir(target)):
            print(name + ("/" if os.path.isdir(os.path.join(target, name)) else ""))
        return 0
    except OSError as e:
        return _fail("listDir", path, e)


def mkdir(path):
    """Creates a directory and its parents; 0 on success (also when it exists)."""
    try:
        os.makedirs(_local(path), exist_ok=True)
        return 0
    except OSError as e:
        return _fail("mkdir", path, e)


def appendFile(hdfsPath, localPath):
    """Appends a local file's bytes to an existing HDFS file; 0 on success."""
    try:
        target = _local(hdfsPath)
        if not os.path.isfile(target):
            raise OSError("%s does not exist (appendFile appends to an existing file)" % hdfsPath)
        with open(localPath, "rb") as src, open(target, "ab") as dst:
            shutil.copyfileobj(src, dst)
        return 0
    except OSError as e:
        return _fail("appendFile", hdfsPath, e)


def appendContent(hdfsPath, text):
    """Appends text (UTF-8) to an HDFS file, creating it when missing; no newline is added."""
    try:
        target = _local(hdfsPath)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "a", encoding="utf-8") as f:
            f.write(text)
        return 0
    except OSError as e:
        return _fail("appendContent", hdfsPath, e)


def put(hdfsDir, localPath):
    """Copies a local file into an HDFS directory (created when missing); 0 on success."""
    try:
        target = _local(hdfsDir)
        os.makedirs(target, exist_ok=True)
        shutil.copy2(localPath, os.path.join(target, os.path.basename(localPath)))
        return 0
    except OSError as e:
        return _fail("put", hdfsDir, e)
