"""Unpacks a task resource archive (zip, tar, tar.gz) into a task's working directory.

Used by BDP Studio pre-runs so that `sh predict.sh` finds the files of a zip resource next to it,
as on the backend. Standard library only. Members that would land outside the target folder
(absolute paths, `..`, links pointing out) are refused, not silently skipped.

usage: python3 unpack.py ARCHIVE TARGET_DIR
"""

import os
import sys
import tarfile
import zipfile


def inside(root, path):
    root = os.path.realpath(root)
    target = os.path.realpath(os.path.join(root, path))
    return target == root or target.startswith(root + os.sep)


def unpack_zip(archive, target):
    with zipfile.ZipFile(archive) as z:
        for name in z.namelist():
            if os.path.isabs(name) or not inside(target, name):
                raise ValueError("member %r would land outside the working directory" % name)
        z.extractall(target)
        return len(z.namelist())


def unpack_tar(archive, target):
    with tarfile.open(archive) as t:
        members = t.getmembers()
        for m in members:
            if os.path.isabs(m.name) or not inside(target, m.name):
                raise ValueError("member %r would land outside the working directory" % m.name)
            if (m.issym() or m.islnk()) and (os.path.isabs(m.linkname) or not inside(target, os.path.join(os.path.dirname(m.name), m.linkname))):
                raise ValueError("link %r points outside the working directory" % m.name)
            if m.isdev():
                raise ValueError("member %r is a device file" % m.name)
        if hasattr(tarfile, "data_filter"):
            t.extractall(target, filter="data")
        else:
            t.extractall(target)
        return len(members)


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    archive, target = sys.argv[1], sys.argv[2]
    try:
        if zipfile.is_zipfile(archive):
            n = unpack_zip(archive, target)
        elif tarfile.is_tarfile(archive):
            n = unpack_tar(archive, target)
        else:
            print("%s is neither a zip nor a tar archive" % os.path.basename(archive), file=sys.stderr)
            return 1
    except (OSError, ValueError, zipfile.BadZipFile, tarfile.TarError) as e:
        print("cannot unpack %s: %s" % (os.path.basename(archive), e), file=sys.stderr)
        return 1
    print("unpacked %d entries of %s" % (n, os.path.basename(archive)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
