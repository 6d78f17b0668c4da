"""Data-quality gate for the day's orders in the warehouse.

Checks the rows sync_orders loaded into ods.orders for the business date, records the unusable
ones with their reason in dq.order_rejects (same partition), and fails when more than
--max-reject-pct percent of the rows are unusable.

Runs as the clean_orders PYTHON task, from its resource version:
    python3 clean_orders.py --date ${dt} --max-reject-pct ${max_reject_pct}
It reads nothing from the workspace: the `hive` module (EnOS PYTHON task runtime) reaches the
warehouse, locally in a BDP Studio pre-run and on the cluster once published.
EnOS PYTHON task rule: the task succeeds when main() returns 0.
"""

import argparse
import sys

import hive

# The first rule a row breaks is its reason.
REASON = """CASE
    WHEN customer_id IS NULL OR customer_id = '' THEN 'customer_id is missing'
    WHEN qty IS NULL OR qty <= 0 THEN 'qty must be positive'
    WHEN unit_price IS NULL OR unit_price < 0 THEN 'unit_price is missing or negative'
    WHEN status NOT IN ('completed', 'cancelled', 'refunded') THEN 'unknown status'
  END"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--date", required=True, help="business date YYYY-MM-DD")
    parser.add_argument("--max-reject-pct", type=float, default=5.0)
    args = parser.parse_args(argv)

    rs = hive.executeQuery("SELECT count(*) FROM ods.orders WHERE dt = '%s'" % args.date)
    total = rs.getInt(1) if rs.next() else 0
    if total == 0:
        print("no orders in ods.orders for dt=%s: run sync_orders for this date first" % args.date)
        return 1

    if hive.execute("CREATE DATABASE IF NOT EXISTS dq") != 0:
        return 1
    created = hive.execute(
        "CREATE TABLE IF NOT EXISTS dq.order_rejects (order_id BIGINT, store STRING, reason STRING) PARTITIONED BY (dt STRING)"
    )
    if created != 0:
        return 1
    rejected = hive.executeUpdate(
        "INSERT OVERWRITE TABLE dq.order_rejects PARTITION (dt = '%s') "
        "SELECT order_id, store, reason FROM (SELECT order_id, store, %s AS reason FROM ods.orders WHERE dt = '%s') checked "
        "WHERE reason IS NOT NULL" % (args.date, REASON, args.date)
    )
    if rejected < 0:
        return 1

    pct = 100.0 * rejected / total
    print("%s: %d rows, %d rejected (%.1f%%), listed in dq.order_rejects dt=%s" % (args.date, total, rejected, pct, args.date))
    rs = hive.executeQuery("SELECT order_id, store, reason FROM dq.order_rejects WHERE dt = '%s' ORDER BY order_id LIMIT 10" % args.date)
    while rs.next():
        print("  order %s (%s): %s" % (rs.getString(1), rs.getString(2), rs.getString(3)))
    if pct > args.max_reject_pct:
        print("too many rejected rows: %.1f%% > %.1f%%" % (pct, args.max_reject_pct))
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
