"""BDP Studio pre-run `submit-pyspark-application` / `submit-spark-application` (spec 2.2).

Runs the job on a local Spark (`spark-submit` on PATH, or $SPARK_HOME/bin/spark-submit) with
--master local[*]. Options that only mean something on the EnOS cluster (queue, executor counts,
a VirtualEnv on HDFS) are noted and dropped. Without a local Spark it fails at once with one line.
"""
import os
import shutil
import sys

# Options of the EnOS command, with the number of values each takes.
PASS_THROUGH = {
    "--name": 1, "--conf": 1, "--py-files": 1, "--files": 1, "--archives": 1, "--jars": 1, "--packages": 1,
    "--class": 1, "--driver-memory": 1, "--executor-memory": 1, "--driver-cores": 1,
    "--driver-java-options": 1, "--driver-library-path": 1, "--driver-class-path": 1,
}
DROPPED = {"--queue": 1, "--num-executors": 1, "--executor-cores": 1, "--pythonEnvPath": 1, "--deploy-mode": 1, "--master": 1}


def find_spark_submit():
    home = os.environ.get("SPARK_HOME")
    if home:
        candidate = os.path.join(home, "bin", "spark-submit")
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("spark-submit")


def translate(argv, python_job):
    """The spark-submit command line, and notes on what was changed for a local run."""
    out, notes, i = ["--master", "local[*]"], [], 0
    env = {}
    while i < len(argv):
        a = argv[i]
        if not a.startswith("--"):
            return out + argv[i:], notes, env
        name, _, inline = a.partition("=")
        if name == "--python" and python_job:
            value = inline or argv[i + 1]
            i += 1 if inline else 2
            notes.append("--python %s: the local Spark uses the PYSPARK_PYTHON of this machine (%s)" % (value, os.environ.get("PYSPARK_PYTHON", "python3")))
            continue
        if name in DROPPED:
            value = inline or (argv[i + 1] if i + 1 < len(argv) else "")
            i += 1 if inline else 1 + DROPPED[name]
            notes.append("%s %s: cluster option, ignored by a local[*] run" % (name, value))
            continue
        if name in PASS_THROUGH:
            if inline:
                out.append(a)
                i += 1
            else:
                out.extend(argv[i:i + 1 + PASS_THROUGH[name]])
                i += 1 + PASS_THROUGH[name]
            continue
        out.append(a)
        i += 1
    return out, notes, env


def main(command):
    python_job = "pyspark" in command
    spark = find_spark_submit()
    if not spark:
        sys.stderr.write("%s: no local Spark: spark-submit is not on PATH and SPARK_HOME is not set (install Spark, or set SPARK_HOME, to run this task locally)\n" % command)
        return 127
    args, notes, env = translate(sys.argv[1:], python_job)
    for n in notes:
        sys.stderr.write("%s: %s\n" % (command, n))
    sys.stderr.write("%s: %s %s\n" % (command, spark, " ".join(args)))
    sys.stderr.flush()
    os.execve(spark, [spark] + args, dict(os.environ, **env))


