#!/usr/bin/env python3
"""Writes an import file of N customers for `coursegate import` against Benchmarks/bench-mapping.yaml.

Rows mix what real imports hold: a course, a product, two products, an expiry date or
date-time, names with commas and quotes (quoted cells), a few with no name.

    Benchmarks/import_customers.py 100000 > customers.csv
"""
import sys

COURSES = ["watercolour", "lettering", "skies", "calligraphy", "js"]
PRODUCTS = ["tc-bench:12", "tc-bench:bump:12", "tc-bench:upsell:2", "shop:4521", "checkout:product:prod_JSdeep"]


def row(n: int) -> str:
    name = ["Customer %d" % n, '"Smith, Jo %d"' % n, '"Jo ""JJ"" %d"' % n, ""][n % 4]
    products = ";".join(PRODUCTS[(n + i) % len(PRODUCTS)] for i in range(n % 3))
    courses = COURSES[n % len(COURSES)] if n % 3 != 2 else ""
    expiry = ["", "", "2031-01-31", "2032-06-30T12:00:00Z"][n % 4]
    if not products and not courses:
        courses = COURSES[0]
    return "%s,customer%d@example.com,%s,%s,%s" % (name, n, products, courses, expiry)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    out = sys.stdout
    out.write("name,email,products,courses,expires_at\r\n")
    for n in range(1, count + 1):
        out.write(row(n) + "\r\n")


if __name__ == "__main__":
    main()
