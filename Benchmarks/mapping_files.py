#!/usr/bin/env python3
"""Writes what Benchmarks/mapping.sh needs: a mapping of ROUTES product routes, the same
mapping with a bonus course added to every tenth product (the edit), and an import file of
CUSTOMERS customers, each with one of those products.

    Benchmarks/mapping_files.py DIR [ROUTES] [CUSTOMERS]
"""
import os
import sys


def mapping(routes: int, edited: bool) -> str:
    lines = [
        "courses:",
        "  course-a: {title: Course A, published: true}",
        "  course-b: {title: Course B, published: true}",
        "  bonus: {title: Bonus, published: true}",
        "instances:",
        "  tc-bench:",
        "    kind: thrivecart",
        "    secrets: {secret: env:BENCH_TC_SECRET}",
        "routes:",
    ]
    for n in range(routes):
        courses = ["course-a" if n % 2 else "course-b"]
        if edited and n % 10 == 0:
            courses.append("bonus")
        lines.append('  - {instance: tc-bench, product: "p%d", courses: [%s]}' % (n, ", ".join(courses)))
    return "\n".join(lines) + "\n"


def main() -> None:
    folder = sys.argv[1]
    routes = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    customers = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
    with open(os.path.join(folder, "mapping.yaml"), "w") as out:
        out.write(mapping(routes, edited=False))
    with open(os.path.join(folder, "edited.yaml"), "w") as out:
        out.write(mapping(routes, edited=True))
    with open(os.path.join(folder, "customers.csv"), "w") as out:
        out.write("name,email,products,courses,expires_at\r\n")
        for n in range(customers):
            out.write("Customer %d,customer%d@example.com,tc-bench:p%d,,\r\n" % (n, n, n % routes))


if __name__ == "__main__":
    main()
