#!/usr/bin/env python3
"""B01/BCQT figures of a workspace computed from its CSV files alone (docs/workspace-format.md,
"Settlement arithmetic"), independently of kinhphi: the reference for SampleData/*/EXPECTED.md.

    python3 scripts/b01-reference.py SampleData/chiem-hoa 2022 [UNIT]
"""
import csv, re, sys
from collections import defaultdict

def carry_years(plan_text):
    years, code = {}, None
    for line in plan_text.splitlines():
        m = re.match(r"\s*-\s*code:\s*(\S+)", line)
        if m: code = m.group(1)
        m = re.match(r"\s*carry_over_years:\s*(\d+)", line)
        if m and code: years[code] = int(m.group(1))
    return years

def main(folder, year, unit=None):
    cy = carry_years(open(f"{folder}/plan.yaml", encoding="utf-8").read())
    carry_in = defaultdict(lambda: defaultdict(int))  # line -> origin -> amount
    own = defaultdict(int)
    spent = defaultdict(int)
    for r in csv.DictReader(open(f"{folder}/allocations.csv", encoding="utf-8")):
        if int(r["year"]) != year: continue
        line = (r["source"], r["activity"], r["unit"])
        if r["kind"] == "carry_in": carry_in[line][int(r["origin_year"])] += int(r["amount"])
        else: own[line] += int(r["amount"])
    for r in csv.DictReader(open(f"{folder}/spending.csv", encoding="utf-8")):
        # Every payment is final (thực chi) unless the file says otherwise; advances are not covered.
        if (r.get("payment_kind") or "").strip() not in ("", "final", "thực chi"):
            sys.exit("advances in spending.csv: not covered by this reference")
        d, m, y = (int(x) for x in r["date"].split("/"))
        budget_year = int(r["year"]) if r["year"] else y
        if budget_year != year: continue
        spent[(r["source"], r["activity"], r["unit"])] += int(r["amount"])
    total = defaultdict(int)
    for line in set(carry_in) | set(own) | set(spent):
        if unit and line[2] != unit: continue
        portions = sorted(carry_in[line].items()) + [(year, own[line])]
        ci = sum(carry_in[line].values())
        available = ci + own[line]
        use = spent[line]
        # A negative net allocation consumes carry-in like spending (oldest first).
        if own[line] < 0:
            use += -own[line]
            portions = portions[:-1]
        left = []
        for origin, amount in portions:
            taken = min(amount, max(use, 0))
            use -= taken
            left.append((origin, amount - taken))
        over = max(spent[line] - available, 0)
        carry = sum(a for o, a in left if year + 1 <= o + cy.get(line[0], 0))
        cancel = sum(a for o, a in left if year + 1 > o + cy.get(line[0], 0))
        if over: carry = cancel = 0
        assert available == spent[line] + carry + cancel - over, line
        for key, value in [("carried_in", ci), ("allocated", own[line]), ("available", available),
                           ("spent", spent[line]), ("settled", spent[line] - over), ("overspent", over),
                           ("carry_over", carry), ("cancelled", cancel)]:
            total[key] += value
    # Without advances: nothing carried in or over was drawn (06, 34 = 0), everything paid was drawn
    # in the year (16 = spent), and what was drawn beyond the money available is owed back (27).
    rows = {"01": total["carried_in"], "05": total["carried_in"], "06": 0, "07": total["carried_in"],
            "08": total["allocated"], "10": total["allocated"], "11": total["available"],
            "13": total["available"], "14": total["spent"], "16": total["spent"],
            "17": total["settled"], "19": total["settled"],
            "20": total["overspent"] + total["cancelled"], "25": total["overspent"] + total["cancelled"],
            "27": total["overspent"], "28": total["cancelled"],
            "29": total["carry_over"], "33": total["carry_over"], "34": 0, "35": total["carry_over"]}
    for code, value in rows.items():
        print(f"{code} {value}")
    print("# spent", total["spent"], "overspent", total["overspent"])

if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None)
