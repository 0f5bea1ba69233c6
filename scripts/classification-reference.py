#!/usr/bin/env python3
"""Independent reference for the budget classification groupings (docs/workspace-format.md, "How the
money is grouped"): settled money by loại-khoản, by mục/tiểu mục and by project (with the cumulative
figure since the plan's first year), computed straight from plan.yaml and the two CSV files.
Usage: scripts/classification-reference.py SampleData/chiem-hoa 2022 [UNIT]
The last table (mục/tiểu mục × loại-khoản) is F01-01/BCQT's body.
Assumes what the sample's EXPECTED.md states: no row is excluded by a row-level error finding.
Spending is recognised spending: final payments and advance settlements, never the advances."""
import csv, re, sys
from collections import defaultdict

folder, year = sys.argv[1], int(sys.argv[2])
only_unit = sys.argv[3] if len(sys.argv) > 3 else None

# plan.yaml: just the keys this needs, read line by line (the sample writes them one per line).
activities, projects, first_year, current = {}, {}, None, None
section = None
for raw in open(f"{folder}/plan.yaml", encoding="utf-8"):
    line = raw.split(" #")[0].rstrip()
    if re.match(r"^\w", line):
        section = line.rstrip(":")
        continue
    m = re.match(r"^  (?:- )?(\w+): \"?([^\"]*)\"?$", line) or re.match(r"^    (\w+): \"?([^\"]*)\"?$", line)
    if not m:
        continue
    key, value = m.groups()
    if section == "plan" and key == "first_year":
        first_year = int(value)
    if section in ("activities", "projects") and key == "code" and line.lstrip().startswith("- "):
        current = {"code": value}
        (activities if section == "activities" else projects)[value] = current
    elif section in ("activities", "projects") and current is not None:
        current[key] = value

def read(name):
    return list(csv.DictReader(open(f"{folder}/{name}", encoding="utf-8-sig")))

def pay_year(row):
    if row["year"]:
        return int(row["year"])
    return int(row["date"][-4:]) if "/" in row["date"] else int(row["date"][:4])

def iso(date):
    return date if "-" in date else f"{date[6:10]}-{date[3:5]}-{date[0:2]}"

def settled_lines(y):
    """line -> (settled, {(mục, tiểu mục): settled}) for budget year y."""
    available = defaultdict(int)
    for row in read("allocations.csv"):
        if int(row["year"]) == y:
            available[(row["source"], row["activity"], row["unit"])] += int(row["amount"].replace(".", ""))
    payments = defaultdict(list)
    subitems = {row["id"]: row.get("sub_item_code", "") for row in read("spending.csv")}
    kinds = {row["id"]: (row.get("payment_kind") or "").strip() for row in read("spending.csv")}
    for index, row in enumerate(read("spending.csv")):
        if pay_year(row) != y:
            continue
        # An advance (tạm ứng) and its reversals are money drawn, not spending: its settlements are.
        if kinds[row["reverses"] or row["id"]] in ("advance", "tạm ứng"):
            continue
        own = row.get("sub_item_code", "") or (subitems.get(row["reverses"], "") if row["reverses"] else "")
        activity = activities[row["activity"]]
        sub = own or activity.get("sub_item_code", "")
        item = str(int(sub) - int(sub) % 50).zfill(4) if sub else activity.get("item_code", "")
        payments[(row["source"], row["activity"], row["unit"])].append(
            (iso(row["date"]), index, int(row["amount"].replace(".", "")), (item or "-", sub or "-")))
    result = {}
    for line in set(available) | set(payments):
        rows = payments.get(line, [])
        split = defaultdict(int)
        for _, _, amount, key in rows:
            split[key] += amount
        spent = sum(split.values())
        excess = max(spent - available.get(line, 0), 0)
        for _, _, amount, key in sorted(rows, reverse=True):
            if excess > 0 and amount > 0:
                cut = min(excess, amount, max(split[key], 0))
                split[key] -= cut
                excess -= cut
        assert excess == 0
        result[line] = (spent - max(spent - available.get(line, 0), 0), split)
    return result

def dotted(n):
    return f"{n:,}".replace(",", ".")

lines = {k: v for k, v in settled_lines(year).items() if only_unit in (None, k[2])}
total = sum(v[0] for v in lines.values())
sector, items, own_year, own_cum = defaultdict(int), defaultdict(int), defaultdict(int), defaultdict(int)
item_sector = defaultdict(int)
for (source, activity, unit), (settled, split) in lines.items():
    sector[activities[activity].get("sector_code", "-")] += settled
    for key, amount in split.items():
        items[key] += amount
        item_sector[(key, activities[activity].get("sector_code", "-"))] += amount
    own_year[activities[activity]["project"]] += settled
for y in range(first_year, year + 1):
    for (source, activity, unit), (settled, _) in settled_lines(y).items():
        if only_unit in (None, unit):
            own_cum[activities[activity]["project"]] += settled

def subtree(code, own):
    return own.get(code, 0) + sum(subtree(c, own) for c, p in projects.items() if p.get("parent") == code)

print(f"{year}{' ' + only_unit if only_unit else ''}: settled {dotted(total)}")
print("| loại-khoản | settled |\n|---|---:|")
for key in sorted(sector, key=lambda k: (k == "-", k)):
    print(f"| {key} | {dotted(sector[key])} |")
print("\n| mục | tiểu mục | settled |\n|---|---|---:|")
for key in sorted(items, key=lambda k: (k[0] == "-", k[0], k[1] == "-", k[1])):
    if items[key]:
        print(f"| {key[0]} | {key[1]} | {dotted(items[key])} |")
print("\n| project | code | settled (own) | cumulative (own) | settled with sub-projects | cumulative with sub-projects |")
print("|---|---|---:|---:|---:|---:|")
for code, project in projects.items():
    if subtree(code, own_cum) or subtree(code, own_year):
        print(f"| {code} | {project.get('programme_code', '-')} | {dotted(own_year.get(code, 0))} | "
              f"{dotted(own_cum.get(code, 0))} | {dotted(subtree(code, own_year))} | {dotted(subtree(code, own_cum))} |")
print(f"\ncumulative {first_year}–{year}: {dotted(sum(own_cum.values()))}")
assert sum(sector.values()) == total == sum(items.values()) == sum(own_year.values())

sectors = sorted(sector, key=lambda k: (k == "-", k))
print("\n| mục | tiểu mục | " + " | ".join(sectors) + " |\n|---|---|" + "---:|" * len(sectors))
for key in sorted(items, key=lambda k: (k[0] == "-", k[0], k[1] == "-", k[1])):
    assert items[key] == sum(item_sector[(key, s)] for s in sectors)
    if items[key]:
        print(f"| {key[0]} | {key[1]} | " + " | ".join(dotted(item_sector[(key, s)]) for s in sectors) + " |")
