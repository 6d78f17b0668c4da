"""Seven-day sales summary for the store managers.

Reads dws.sales_daily (written by daily_orders' aggregate_sales) for the days --from to --to
(inclusive; days without data are listed as missing) and puts weekly_<to>.md with revenue per
store into the HDFS folder --out.

Runs as the build_report PYTHON task, from its resource version:
    python3 weekly_report.py --from ${last_week10} --to ${cal_dt} --out ${report_dir}
`hive` and `hdfs` are the EnOS PYTHON task runtime: in a BDP Studio pre-run they reach the local
warehouse and .bdp/hdfs/. main() returns 0 on success (EnOS PYTHON task rule).
"""

import argparse
import sys
from datetime import date, timedelta
from decimal import Decimal

import hdfs
import hive


def main(argv=None):
    parser = argparse.ArgumentParser(description="weekly sales report")
    parser.add_argument("--from", dest="first", required=True, help="first day YYYY-MM-DD")
    parser.add_argument("--to", dest="last", required=True, help="last day YYYY-MM-DD")
    parser.add_argument("--out", default="/reports/weekly", help="HDFS folder")
    args = parser.parse_args(argv)

    first, last = date.fromisoformat(args.first), date.fromisoformat(args.last)
    if first > last:
        print("--from %s is after --to %s" % (first, last))
        return 1

    try:
        rs = hive.executeQuery(
            "SELECT store, sum(orders) AS orders, sum(revenue) AS revenue, count(DISTINCT dt) AS days "
            "FROM dws.sales_daily WHERE dt BETWEEN '%s' AND '%s' GROUP BY store ORDER BY revenue DESC" % (first, last)
        )
        stores = []
        while rs.next():
            stores.append((rs.getString("store"), rs.getInt("orders"), Decimal(str(rs.getString("revenue")))))
        rs = hive.executeQuery("SELECT DISTINCT dt FROM dws.sales_daily WHERE dt BETWEEN '%s' AND '%s'" % (first, last))
        present = set()
        while rs.next():
            present.add(rs.getString(1))
    except hive.HiveError as e:
        print("cannot read dws.sales_daily (has daily_orders run?): %s" % e)
        return 1

    missing = []
    day = first
    while day <= last:
        if day.isoformat() not in present:
            missing.append(day.isoformat())
        day += timedelta(days=1)

    lines = ["# Sales %s to %s" % (first, last), "", "| store | orders | revenue |", "|---|---:|---:|"]
    lines += ["| %s | %d | %.2f |" % s for s in stores]
    lines += ["", "Total revenue: %.2f" % sum((s[2] for s in stores), Decimal(0))]
    if missing:
        lines += ["", "Days without data: %s" % ", ".join(missing)]
    name = "weekly_%s.md" % last.strftime("%Y%m%d")
    with open(name, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    if hdfs.mkdir(args.out) != 0 or hdfs.put(args.out, name) != 0:
        return 1
    print("written to hdfs:%s/%s" % (args.out.rstrip("/"), name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
