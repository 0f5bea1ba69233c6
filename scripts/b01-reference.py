#!/usr/bin/env python3
"""B01/BCQT and treasury figures of a workspace computed from its CSV files alone
(docs/workspace-format.md, "Settlement arithmetic" and "Advances and treasury drawdowns"),
independently of kinhphi: the reference for SampleData/*/EXPECTED.md.

    python3 scripts/b01-reference.py SampleData/chiem-hoa 2022 [UNIT]
    python3 scripts/b01-reference.py SampleData/chiem-hoa 2022 [UNIT] --sectors   # one column per loại-khoản
    python3 scripts/b01-reference.py SampleData/chiem-hoa 2022 [UNIT] --projects  # F01-02/BCQT
    python3 scripts/b01-reference.py SampleData/chiem-hoa 2022 [UNIT] --20f       # Mẫu 20f

Prints the B01 rows (mã số and amount) and then the treasury totals (kinh phí đã nhận, dự toán còn dư
ở Kho bạc, kinh phí đề nghị quyết toán, số dư tạm ứng, the carry-over split). With --20f it prints
Mẫu 20f's rows instead (docs/forms.md): per unit (plan order), tính chất nguồn (the programme's own
money, then each pooled programme), loại-khoản, columns 5–12. Assumes, as the sample's
EXPECTED.md states, that no row has a row-level error finding.

--sectors groups the lines by their activity's sector_code (plan.yaml; "-" when it has none) and prints
each row per group; --projects gives, per programme, dự án and tiểu dự án (with its sub-projects), the
year's rows, the rows since the plan's first year and the total allocated over every year of the plan
(F01-02's three columns, docs/forms.md).
"""
import csv, re, sys
from collections import defaultdict

KINDS = {"": "final", "final": "final", "thực chi": "final", "advance": "advance", "tạm ứng": "advance",
         "advance_settlement": "settlement", "thanh toán tạm ứng": "settlement"}

def carry_years(plan_text):
    years, code = {}, None
    for line in plan_text.splitlines():
        m = re.match(r"\s*-\s*code:\s*(\S+)", line)
        if m: code = m.group(1)
        m = re.match(r"\s*carry_over_years:\s*(\d+)", line)
        if m and code: years[code] = int(m.group(1))
    return years

def budget_year(r):
    return int(r["year"]) if r["year"] else int(r["date"].split("/")[2])

def line_figures(folder, year, unit=None):
    """line (source, activity, unit) -> dict of the line's figures for the budget year."""
    cy = carry_years(open(f"{folder}/plan.yaml", encoding="utf-8").read())
    carry_in = defaultdict(lambda: defaultdict(int))  # line -> origin -> amount
    carry_in_advance = defaultdict(int)
    own = defaultdict(int)
    initial, adjusted = defaultdict(int), defaultdict(int)
    for r in csv.DictReader(open(f"{folder}/allocations.csv", encoding="utf-8")):
        if int(r["year"]) != year: continue
        line = (r["source"], r["activity"], r["unit"])
        amount = int(r["amount"])
        if r["kind"] == "carry_in":
            carry_in[line][int(r["origin_year"])] += amount
            if (r.get("carry_part") or "").strip() == "advance": carry_in_advance[line] += amount
        else:
            own[line] += amount
            (initial if r["kind"] == "initial" else adjusted)[line] += amount
    rows = list(csv.DictReader(open(f"{folder}/spending.csv", encoding="utf-8")))
    kind_by_id = {r["id"]: KINDS[(r.get("payment_kind") or "").strip().lower()] for r in rows}
    paid = defaultdict(lambda: defaultdict(int))  # line -> kind -> amount
    for r in rows:
        if budget_year(r) != year: continue
        # A reversal counts in the kind of the row it reverses (an advance's reversal is money paid back).
        kind = kind_by_id[r["reverses"]] if r["reverses"] else kind_by_id[r["id"]]
        paid[(r["source"], r["activity"], r["unit"])][kind] += int(r["amount"])
    result = {}
    for line in set(carry_in) | set(own) | set(paid):
        if unit and line[2] != unit: continue
        final, advanced, settled_adv = (paid[line][k] for k in ("final", "advance", "settlement"))
        spent = final + settled_adv
        ci = sum(carry_in[line].values())
        available = ci + own[line]
        drawn = carry_in_advance[line] + final + advanced
        portions = sorted(carry_in[line].items()) + [(year, own[line])]
        use, draw = spent, drawn
        # A negative net allocation consumes carry-in like spending and drawing (oldest first).
        if own[line] < 0:
            use += -own[line]; draw += -own[line]
            portions = portions[:-1]
        over = max(spent - available, 0)
        f = defaultdict(int)
        for origin, amount in portions:
            spent_part = min(amount, max(use, 0)); use -= spent_part
            drawn_part = min(amount, max(draw, 0)); draw -= drawn_part
            advance_part = max(drawn_part - spent_part, 0)
            undrawn_part = amount - max(drawn_part, spent_part)
            carries = year + 1 <= origin + cy.get(line[0], 0)
            f["carry_over_advance" if carries else "lapsed_advance"] += advance_part
            f["carry_over_undrawn" if carries else "cancelled_undrawn"] += undrawn_part
        if over:
            for key in ("carry_over_advance", "lapsed_advance", "carry_over_undrawn", "cancelled_undrawn"):
                f[key] = 0
        carry = f["carry_over_advance"] + f["carry_over_undrawn"]
        cancel = f["lapsed_advance"] + f["cancelled_undrawn"]
        assert available == spent + carry + cancel - over, line
        f.update(carried_in=ci, carried_in_advance=carry_in_advance[line], initial=initial[line],
                 adjusted=adjusted[line], allocated=own[line], available=available, final_paid=final,
                 advanced=advanced, advance_settled=settled_adv, spent=spent, settled=spent - over,
                 overspent=over, drawn_in_year=final + advanced, drawn=drawn, undrawn=available - drawn,
                 open_advance=drawn - spent, carry_over=carry, cancelled=cancel)
        result[line] = f
    return result

def dotted(n):
    return f"{n:,}".replace(",", ".")

def plan_catalogue(folder):
    """Per activity its project and sector_code; per project its parent and programme_code; the plan's
    keys (first_year, last_year, programme_code). Read line by line (the sample writes one key per line)."""
    activities, projects, info = {}, {}, {}
    section, current = None, None
    for raw in open(f"{folder}/plan.yaml", encoding="utf-8"):
        line = raw.split(" #")[0].rstrip()
        if re.match(r"^\w", line):
            section, current = line.rstrip(":"), None
            continue
        m = re.match(r"^\s*(?:- )?(\w+):\s*\"?([^\"{]*?)\"?$", line)
        if not m:
            continue
        key, value = m.groups()
        if section == "plan":
            info[key] = value
        elif section in ("activities", "projects") and key == "code" and line.lstrip().startswith("- "):
            current = {"code": value}
            (activities if section == "activities" else projects)[value] = current
        elif section in ("activities", "projects") and current is not None:
            current[key] = value
    return activities, projects, info

def add(lines):
    total = defaultdict(int)
    for f in lines:
        for key, value in f.items(): total[key] += value
    return total

def b01_rows(total):
    owed = total["lapsed_advance"] + total["overspent"]  # drawn, neither settled nor carried: paid back
    return {"01": total["carried_in"], "05": total["carried_in"], "06": total["carried_in_advance"],
            "07": total["carried_in"] - total["carried_in_advance"],
            "08": total["allocated"], "10": total["allocated"], "11": total["available"],
            "13": total["available"], "14": total["drawn_in_year"], "16": total["drawn_in_year"],
            "17": total["settled"], "19": total["settled"],
            "20": owed + total["cancelled_undrawn"], "25": owed + total["cancelled_undrawn"],
            "27": owed, "28": total["cancelled_undrawn"],
            "29": total["carry_over"], "33": total["carry_over"], "34": total["carry_over_advance"],
            "35": total["carry_over_undrawn"]}

def main(folder, year, unit=None, mode=None):
    lines = line_figures(folder, year, unit)
    if mode == "--sectors":
        activities, _, _ = plan_catalogue(folder)
        groups = defaultdict(list)
        for line, f in lines.items():
            groups[activities[line[1]].get("sector_code", "-")].append(f)
        sectors = sorted(groups, key=lambda k: (k == "-", k))
        rows = {s: b01_rows(add(groups[s])) for s in sectors}
        total = b01_rows(add(lines.values()))
        print("code total " + " ".join(sectors))
        for code in total:
            assert total[code] == sum(rows[s][code] for s in sectors)
            print(code, total[code], " ".join(str(rows[s][code]) for s in sectors))
        return
    if mode == "--projects":
        activities, projects, info = plan_catalogue(folder)
        first, last = int(info["first_year"]), int(info["last_year"])
        by_year = {y: line_figures(folder, y, unit) for y in range(first, last + 1)}
        def subtree(code):
            return {code} | set().union(*[subtree(c) for c, p in projects.items() if p.get("parent") == code])
        def of(members, y):
            return add(f for line, f in by_year[y].items()
                       if members is None or activities[line[1]]["project"] in members)
        blocks = [("programme", info.get("programme_code", "-"), None)]
        def visit(code):
            blocks.append((code, projects[code].get("programme_code", "-"), subtree(code)))
            for c, p in projects.items():
                if p.get("parent") == code: visit(c)
        for c, p in projects.items():
            if not p.get("parent"): visit(c)
        for name, code, members in blocks:
            this_year = b01_rows(of(members, year))
            since = b01_rows(add(of(members, y) for y in range(first, year + 1)))
            opening = b01_rows(of(members, first))
            approved = sum(of(members, y)["allocated"] for y in range(first, last + 1))
            if not any(since.values()) and not any(this_year.values()): continue
            print(f"{name} {code} approved(10) {approved}")
            for row in ["05", "06", "07", "10", "13", "16", "19", "25", "27", "28", "33", "34", "35"]:
                # Since the phase began: flows summed; the balance carried in is the first year's, the
                # balance carried over this year's; 13 = 05 + 10.
                if row in ("05", "06", "07"): cumulative = opening[row]
                elif row == "13": cumulative = opening["05"] + since["10"]
                elif row in ("33", "34", "35"): cumulative = this_year[row]
                else: cumulative = since[row]
                print(f"  {row} year {this_year[row]} since {cumulative}")
        return
    total = add(lines.values())
    for code, value in b01_rows(total).items():
        print(f"{code} {value}")
    print("# spent", total["spent"], "overspent", total["overspent"])
    print("# treasury:", ", ".join(f"{key} {dotted(total[key])}" for key in (
        "final_paid", "advanced", "advance_settled", "carried_in_advance", "drawn_in_year", "drawn",
        "undrawn", "settled", "open_advance", "carry_over_undrawn", "carry_over_advance",
        "cancelled_undrawn", "lapsed_advance")))

def plan_catalogue(folder):
    """Units (in order, with names), sources (kind, programme, order) and each activity's sector code,
    read line by line from plan.yaml as the sample writes it."""
    units, sources, sectors, section, current = [], {}, {}, None, None
    for raw in open(f"{folder}/plan.yaml", encoding="utf-8"):
        line = raw.split(" #")[0].rstrip()
        if re.match(r"^\w", line):
            section = line.rstrip(":")
            continue
        if section == "units":
            m = re.match(r'\s*- \{code: (\w+), name: "([^"]*)"', line)
            if m: units.append(m.groups())
        m = re.match(r"^  - code: (\S+)", line)
        if m:
            current = m.group(1)
            if section == "sources": sources[current] = {"order": len(sources)}
            continue
        m = re.match(r'^    (\w+): "?([^"]*)"?$', line)
        if m and section == "sources": sources[current][m.group(1)] = m.group(2)
        if m and section == "activities" and m.group(1) == "sector_code": sectors[current] = m.group(2)
    return units, sources, sectors

def form_20f(folder, year, unit=None):
    units, sources, sectors = plan_catalogue(folder)
    rows = defaultdict(lambda: defaultdict(int))  # (unit, nature, sector) -> column -> amount
    def nature(source):
        s = sources[source]
        return (s["order"], "Lồng ghép " + s["programme"]) if s.get("kind") == "pooled" else (-1, "CTMTQG DTTS&MN")
    for (source, activity, u), f in line_figures(folder, year, unit).items():
        key = (u, nature(source), sectors.get(activity, "Chưa có mã"))
        for column, value in (("6", f["carried_in"]), ("7", f["initial"]), ("8", f["adjusted"]),
                              ("9", f["settled"]), ("10", f["cancelled"]), ("11", f["carry_over_undrawn"]),
                              ("12", f["carry_over_advance"])):
            rows[key][column] += value
    columns = ["5", "6", "7", "8", "9", "10", "11", "12"]
    def line(label, f):
        f["5"] = f["6"] + f["7"] + f["8"]
        assert f["11"] == f["5"] - f["9"] - f["10"] - f["12"], label
        print(f"| {label} | " + " | ".join(dotted(f[c]) for c in columns) + " |")
    total = defaultdict(int)
    for key in rows.values():
        for c, v in key.items(): total[c] += v
    print("| row | " + " | ".join(columns) + " |\n|---|" + "---:|" * len(columns))
    line("TỔNG SỐ", total)
    for number, (code, name) in enumerate((u for u in units if any(k[0] == u[0] for k in rows)), 1):
        keys = sorted((k for k in rows if k[0] == code), key=lambda k: (k[1], k[2] == "Chưa có mã", k[2]))
        unit_total = defaultdict(int)
        for k in keys:
            for c, v in rows[k].items(): unit_total[c] += v
        natures = sorted({k[1] for k in keys})
        line(f"{number} {name} ({code})" + (f", {natures[0][1]}" if len(natures) == 1 else ""), unit_total)
        for n in natures:
            if len(natures) > 1:
                nature_total = defaultdict(int)
                for k in keys:
                    if k[1] == n:
                        for c, v in rows[k].items(): nature_total[c] += v
                line(f"– {n[1]}", nature_total)
            for k in keys:
                if k[1] == n: line(f"– – {k[2]}", dict(rows[k]))

if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    mode = next((a for a in sys.argv[1:] if a.startswith("--")), None)
    if mode == "--20f":
        form_20f(args[0], int(args[1]), args[2] if len(args) > 2 else None)
    else:
        main(args[0], int(args[1]), args[2] if len(args) > 2 else None, mode)
