"""The EnOS PYTHON-task `hive` module (spec 2.3), against BDP Studio's local warehouse.

    import hive
    hive.execute("insert overwrite table dws.t partition (dt='2026-11-23') select ...")  # 0 = success
    n = hive.executeUpdate("insert into table ods.x select ...")  # rows written, < 0 on failure
    rs = hive.executeQuery("select store, count(*) from ods.orders group by store")
    while rs.next():
        print(rs.getString(1), rs.getInt(2))

HiveQL is translated to DuckDB as the `hive` command does; a failed statement prints its reason
to stderr (execute / executeUpdate) or raises HiveError (executeQuery), as a JDBC driver would.
"""

import sys

import _bdp_warehouse


class HiveError(Exception):
    pass


def _run(sql):
    answer = None
    for message in _bdp_warehouse.request({"op": "sql", "sql": sql}):
        answer = message
    if answer is None:
        raise HiveError("the warehouse closed the connection without an answer")
    if "error" in answer:
        raise HiveError(answer["error"])
    return answer


def execute(sql):
    """Runs DDL, DML or a load; returns 0 on success, -1 (reason on stderr) on failure."""
    try:
        _run(sql)
        return 0
    except (HiveError, _bdp_warehouse.WarehouseUnavailable) as e:
        print("hive.execute failed: %s" % e, file=sys.stderr)
        return -1


def executeUpdate(sql):
    """Runs an INSERT (or CREATE ... AS); returns the rows written, < 0 on failure."""
    try:
        return int(_run(sql).get("affected", 0))
    except (HiveError, _bdp_warehouse.WarehouseUnavailable) as e:
        print("hive.executeUpdate failed: %s" % e, file=sys.stderr)
        return -1


class ResultSet(object):
    """A JDBC-like cursor over the rows of a query: next() moves to the next row; columns are 1-based."""

    def __init__(self, columns, rows):
        self.columns = list(columns)
        self.rows = list(rows)
        self._index = -1

    def next(self):
        self._index += 1
        return self._index < len(self.rows)

    def _value(self, column):
        if not 0 <= self._index < len(self.rows):
            raise HiveError("no current row: call next() first")
        if isinstance(column, str):
            column = self.columns.index(column) + 1
        if not 1 <= column <= len(self.columns):
            raise HiveError("column %d does not exist (the query has %d)" % (column, len(self.columns)))
        return self.rows[self._index][column - 1]

    def getObject(self, column):
        return self._value(column)

    def getString(self, column):
        return self._value(column)

    def getInt(self, column):
        v = self._value(column)
        return 0 if v is None else int(float(v))

    getLong = getInt

    def getFloat(self, column):
        v = self._value(column)
        return 0.0 if v is None else float(v)

    getDouble = getFloat

    def getBoolean(self, column):
        v = self._value(column)
        return v is not None and str(v).lower() in ("true", "1")

    def wasNull(self):
        return False


def executeQuery(sql):
    """Runs a query; returns a ResultSet. Raises HiveError when it fails."""
    answer = _run(sql)
    return ResultSet(answer.get("columns", []), answer.get("rows", []))
