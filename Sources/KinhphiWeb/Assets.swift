/// The page's only style sheet and script, compiled into the program: the office may be offline, and
/// nothing is fetched from the internet.
enum Assets {
  static let css = """
    :root { --ink: #1d2733; --muted: #5c6b7a; --line: #d5dde5; --bg: #f6f8fa; --accent: #0b5cad;
      --err: #b3261e; --err-bg: #fdecea; --warn: #8a5a00; --warn-bg: #fff4d6; --ok: #1e6b35; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 15px/1.45 "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: var(--ink); background: var(--bg); }
    header.top { background: #12355b; color: #fff; padding: 0.6rem 1.2rem; display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
    header.top a { color: #fff; text-decoration: none; }
    header.top .brand { font-weight: 700; font-size: 1.1rem; }
    header.top nav { display: flex; flex-wrap: wrap; gap: 0.9rem; }
    header.top nav a.here { border-bottom: 2px solid #fff; }
    header.top .right { margin-left: auto; display: flex; gap: 0.8rem; align-items: center; }
    header.top form { margin: 0; }
    header.top button { background: none; border: 1px solid #9bb3cc; color: #fff; border-radius: 4px; padding: 0.1rem 0.5rem; cursor: pointer; }
    main { max-width: 1280px; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
    h1 { font-size: 1.45rem; margin: 0.4rem 0 0.8rem; }
    h2 { font-size: 1.15rem; margin: 1.6rem 0 0.6rem; }
    a { color: var(--accent); }
    .years { display: flex; flex-wrap: wrap; gap: 0.4rem; margin-bottom: 0.8rem; }
    .years a { padding: 0.15rem 0.6rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; text-decoration: none; }
    .years a.here { background: var(--accent); color: #fff; border-color: var(--accent); }
    .draft { border: 2px solid var(--err); background: var(--err-bg); color: var(--err); padding: 0.6rem 0.9rem; border-radius: 6px; margin: 0.6rem 0; font-weight: 600; }
    .final { border: 1px solid var(--ok); color: var(--ok); background: #eaf6ee; padding: 0.5rem 0.9rem; border-radius: 6px; margin: 0.6rem 0; }
    .note { color: var(--muted); font-size: 0.9rem; }
    .panel { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 0.8rem 1rem; margin: 0.8rem 0; }
    table { border-collapse: collapse; width: 100%; background: #fff; }
    th, td { border: 1px solid var(--line); padding: 0.3rem 0.5rem; vertical-align: top; }
    th { background: #eef2f6; text-align: left; font-weight: 600; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    tr.total td { font-weight: 700; background: #f3f6f9; }
    tr.group td { font-weight: 600; background: #f8fafc; }
    tr.sev-error td { background: var(--err-bg); }
    tr.sev-warning td { background: var(--warn-bg); }
    .sev { font-weight: 700; white-space: nowrap; }
    .sev-error .sev { color: var(--err); }
    .sev-warning .sev { color: var(--warn); }
    .scroll { overflow-x: auto; }
    form.filters { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; margin: 0.4rem 0 0.8rem; }
    form.filters label, .field label { display: block; font-size: 0.85rem; color: var(--muted); }
    select, input[type=text], input[type=password], input[type=number], textarea { font: inherit; padding: 0.25rem 0.4rem; border: 1px solid #aab7c4; border-radius: 4px; background: #fff; }
    textarea { width: 100%; min-height: 14rem; font-family: "DejaVu Sans Mono", monospace; font-size: 0.9rem; }
    button, .button { font: inherit; background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: 0.35rem 0.9rem; cursor: pointer; text-decoration: none; display: inline-block; }
    button.secondary, .button.secondary { background: #e3e9ef; color: var(--ink); }
    button.danger { background: var(--err); }
    .field { margin: 0.6rem 0; }
    .errors { border: 2px solid var(--err); background: var(--err-bg); padding: 0.6rem 1rem; border-radius: 6px; }
    .errors li { margin: 0.2rem 0; }
    .errors .where { font-weight: 700; font-family: "DejaVu Sans Mono", monospace; }
    .success { border: 2px solid var(--ok); background: #eaf6ee; padding: 0.6rem 1rem; border-radius: 6px; }
    .pager { display: flex; gap: 0.8rem; align-items: center; margin: 0.6rem 0; }
    .chart { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem; }
    .chart text { font: 12px "Noto Sans", "DejaVu Sans", Arial, sans-serif; fill: #1d2733; }
    .legend { display: flex; gap: 1rem; font-size: 0.85rem; color: var(--muted); margin: 0.3rem 0 0; }
    .swatch { display: inline-block; width: 0.8rem; height: 0.8rem; vertical-align: middle; margin-right: 0.25rem; }
    .sw-available { background: #9fc3e7; } .sw-spent { background: #0b5cad; } .sw-carry { background: #e0a526; }
    .side { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
    .changed td { background: #eef5ff; }
    .broken td { background: var(--err-bg); }
    .hidden { display: none; }
    /* The command line's text (the close summary) inside a box: long sentences wrap, the aligned
       tables stay as they are (their lines are short). */
    pre.panel { white-space: pre-wrap; overflow-wrap: anywhere; max-width: 100%; box-sizing: border-box; }
    fieldset.operation { border: 1px solid var(--line, #ccd); border-radius: 6px; margin: 0.8rem 0; padding: 0.5rem 0.9rem; }
    .row { display: flex; flex-wrap: wrap; gap: 0 1rem; }
    .field-error { display: block; color: #9b1c1c; font-size: 0.9em; max-width: 32rem; }
    .field-error span { color: #6b7280; }
    [aria-invalid="true"] { border-color: #9b1c1c; outline: 1px solid #9b1c1c; }
    @media (max-width: 800px) { .side { grid-template-columns: 1fr; } }
    @media print { header.top, form.filters, .pager { display: none; } }
    """

  /// Progressive enhancements only: every page works without it.
  static let javascript = """
    "use strict";
    // Filters apply as soon as a choice changes (the button stays for keyboards and no-script).
    document.querySelectorAll("form.filters select").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
    // A confirmation button asks once more before the workspace is written.
    document.querySelectorAll("[data-confirm]").forEach(function (element) {
      element.addEventListener("click", function (event) {
        if (!window.confirm(element.getAttribute("data-confirm"))) { event.preventDefault(); }
      });
    });
    // The what-if form shows the chosen operation's fields only.
    var operation = document.getElementById("f-operation");
    if (operation) {
      var showChosen = function () {
        document.querySelectorAll("fieldset.operation").forEach(function (set) {
          set.classList.toggle("hidden", set.getAttribute("data-operation") !== operation.value);
        });
      };
      operation.addEventListener("change", showChosen);
      showChosen();
    }
    // Picking a scenario file of the workspace fills the text area with it, to read or change.
    var picker = document.getElementById("scenario-file");
    if (picker) {
      picker.addEventListener("change", function () {
        var option = picker.options[picker.selectedIndex];
        var text = document.getElementById("scenario-text");
        var source = option && option.getAttribute("data-source");
        if (text && source !== null) {
          var holder = document.getElementById(source);
          if (holder) { text.value = holder.textContent; }
        }
      });
    }
    """
}
