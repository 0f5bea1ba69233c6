"""The peer of `kinhphi settle WORKSPACE --year Y -o OUT.xlsx` in `make bench`: what a capable analyst
would write instead with pandas and XlsxWriter. It reads allocations.csv and spending.csv, sums the
year's allocations and payments per budget line, and writes a workbook with a by-source sheet, a
per-line sheet and the payment detail.

It does less than kinhphi: no checks (unknown codes, eligibility, duplicates, reversals, norms, the
adjustment window, counterpart shares, carry-over chain), no carry-over arithmetic, three sheets
instead of seven, no print layout. Amounts stay whole đồng in int64 columns.

usage: settle_pandas.py WORKSPACE YEAR OUT.xlsx
"""

import sys

import pandas as pd

LINE = ["source", "activity", "unit"]


def amounts(column: pd.Series) -> pd.Series:
    # Spreadsheets export "1.234.000" (Vietnamese grouping) on some rows.
    return column.str.replace(".", "", regex=False).astype("int64")


def main(workspace: str, year: int, out: str) -> None:
    allocations = pd.read_csv(f"{workspace}/allocations.csv", dtype=str, keep_default_na=False)
    allocations = allocations[allocations["year"].astype("int64") == year]
    allocated = (
        allocations.assign(amount=amounts(allocations["amount"])).groupby(LINE, as_index=False)["amount"].sum()
    )

    spending = pd.read_csv(f"{workspace}/spending.csv", dtype=str, keep_default_na=False)
    iso = spending["date"].str.contains("-", regex=False)
    dates = pd.to_datetime(spending["date"].where(iso), format="%Y-%m-%d").fillna(
        pd.to_datetime(spending["date"].where(~iso), format="%d/%m/%Y")
    )
    explicit = spending["year"] != ""
    years = dates.dt.year.where(~explicit, pd.to_numeric(spending["year"].where(explicit), errors="coerce"))
    payments = spending[years == year].assign(amount=lambda rows: amounts(rows["amount"]))
    payments["date"] = dates[years == year]
    spent = payments.groupby(LINE, as_index=False)["amount"].sum()

    lines = allocated.merge(spent, on=LINE, how="outer", suffixes=("_allocated", "_spent"))
    lines = lines.fillna({"amount_allocated": 0, "amount_spent": 0}).astype(
        {"amount_allocated": "int64", "amount_spent": "int64"}
    )
    lines = lines.rename(columns={"amount_allocated": "allocated", "amount_spent": "spent"})
    lines["remaining"] = lines["allocated"] - lines["spent"]
    lines = lines.sort_values(LINE)
    by_source = lines.groupby("source", as_index=False)[["allocated", "spent", "remaining"]].sum()
    total = pd.DataFrame([{"source": "Total", **by_source[["allocated", "spent", "remaining"]].sum().to_dict()}])
    by_source = pd.concat([by_source, total], ignore_index=True)

    with pd.ExcelWriter(out, engine="xlsxwriter", datetime_format="dd/mm/yyyy") as writer:
        by_source.to_excel(writer, sheet_name="By source", index=False)
        lines.to_excel(writer, sheet_name="Lines", index=False)
        payments.to_excel(writer, sheet_name="Payments", index=False)
        money = writer.book.add_format({"num_format": "#,##0"})
        writer.sheets["By source"].set_column(1, 3, 18, money)
        writer.sheets["Lines"].set_column(3, 5, 18, money)
        writer.sheets["Payments"].set_column(7, 7, 14, money)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
