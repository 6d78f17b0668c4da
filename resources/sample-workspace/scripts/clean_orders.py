"""Data-quality gate for the daily POS order export.

Reads data/orders_<YYYYMMDD>.csv for the business date, checks every row, writes the rows it
rejects (with the reason) to .bdp/out/rejects_<YYYYMMDD>.csv and fails when more than
--max-reject-pct percent of the rows are unusable.

EnOS PYTHON task rule: the task succeeds when main() returns 0. Standard library only.
"""

import argparse
import csv
import os
import sys
from datetime import datetime
from decimal import Decimal, InvalidOperation

COLUMNS = ["order_id", "customer_id", "order_ts", "sku", "qty", "unit_price", "status", "store"]
STATUSES = {"completed", "cancelled", "refunded"}


def check_row(row):
    """Returns the reason a row is unusable, or None when it is fine."""
    if not row.get("order_id", "").isdigit():
        return "order_id is not a number"
    if not row.get("customer_id"):
        return "customer_id is missing"
    try:
        datetime.strptime(row.get("order_ts", ""), "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return "order_ts is not YYYY-MM-DD HH:MM:SS"
    try:
        if int(row.get("qty", "")) <= 0:
            return "qty must be positive"
    except ValueError:
        return "qty is not a whole number"
    try:
        if Decimal(row.get("unit_price", "")) < 0:
            return "unit_price is negative"
    except InvalidOperation:
        return "unit_price is not a number"
    if row.get("status") not in STATUSES:
        return "unknown status %r" % row.get("status")
    return None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--date", required=True, help="business date YYYY-MM-DD (${cal_dt})")
    parser.add_argument("--data-dir", default="data")
    parser.add_argument("--out-dir", default=os.path.join(".bdp", "out"))
    parser.add_argument("--max-reject-pct", type=float, default=5.0)
    args = parser.parse_args(argv)

    day = args.date.replace("-", "")
    source = os.path.join(args.data_dir, "orders_%s.csv" % day)
    if not os.path.exists(source):
        print("no export for %s: %s is missing" % (args.date, source))
        return 1

    with open(source, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            print("export is missing columns: %s" % ", ".join(missing))
            return 1
        rows = list(reader)

    rejects = []
    for line_no, row in enumerate(rows, start=2):
        reason = check_row(row)
        if reason:
            rejects.append(dict(row, line=line_no, reason=reason))

    os.makedirs(args.out_dir, exist_ok=True)
    reject_file = os.path.join(args.out_dir, "rejects_%s.csv" % day)
    with open(reject_file, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["line", "reason"] + COLUMNS)
        writer.writeheader()
        writer.writerows(rejects)

    pct = 100.0 * len(rejects) / len(rows) if rows else 100.0
    print("%s: %d rows, %d rejected (%.1f%%), details in %s" % (args.date, len(rows), len(rejects), pct, reject_file))
    for r in rejects[:10]:
        print("  line %s: %s" % (r["line"], r["reason"]))
    if pct > args.max_reject_pct:
        print("too many rejected rows: %.1f%% > %.1f%%" % (pct, args.max_reject_pct))
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
