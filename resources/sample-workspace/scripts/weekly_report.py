"""Seven-day sales summary for the store managers.

Reads the daily exports data/orders_<YYYYMMDD>.csv between --from and --to (inclusive; days
without an export are listed as missing) and writes <out>/weekly_<to>.md with revenue per store.
Standard library only; main() returns 0 on success (EnOS PYTHON task rule).
"""

import argparse
import csv
import os
import sys
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation


def days_between(first, last):
    d = first
    while d <= last:
        yield d
        d += timedelta(days=1)


def main(argv=None):
    parser = argparse.ArgumentParser(description="weekly sales report")
    parser.add_argument("--from", dest="first", required=True, help="first day YYYY-MM-DD (${last_week10})")
    parser.add_argument("--to", dest="last", required=True, help="last day YYYY-MM-DD (${cal_dt})")
    parser.add_argument("--data-dir", default="data")
    parser.add_argument("--out", default=os.path.join(".bdp", "out", "weekly"))
    args = parser.parse_args(argv)

    first, last = date.fromisoformat(args.first), date.fromisoformat(args.last)
    if first > last:
        print("--from %s is after --to %s" % (first, last))
        return 1

    revenue = defaultdict(Decimal)
    orders = defaultdict(int)
    missing = []
    for day in days_between(first, last):
        path = os.path.join(args.data_dir, "orders_%s.csv" % day.strftime("%Y%m%d"))
        if not os.path.exists(path):
            missing.append(day.isoformat())
            continue
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["status"] != "completed":
                    continue
                try:
                    qty, price = int(row["qty"]), Decimal(row["unit_price"])
                except (ValueError, InvalidOperation):
                    continue
                if qty <= 0 or not row["customer_id"]:
                    continue
                revenue[row["store"]] += qty * price
                orders[row["store"]] += 1

    os.makedirs(args.out, exist_ok=True)
    target = os.path.join(args.out, "weekly_%s.md" % last.strftime("%Y%m%d"))
    lines = ["# Sales %s to %s" % (first, last), "", "| store | orders | revenue |", "|---|---:|---:|"]
    for store in sorted(revenue, key=revenue.get, reverse=True):
        lines.append("| %s | %d | %.2f |" % (store, orders[store], revenue[store]))
    lines += ["", "Total revenue: %.2f" % sum(revenue.values(), Decimal(0))]
    if missing:
        lines += ["", "Days without an export: %s" % ", ".join(missing)]
    with open(target, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    print("written to %s" % target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
