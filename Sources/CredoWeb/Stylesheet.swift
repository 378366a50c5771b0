/// Credo's one stylesheet, served from memory: plain, high-contrast (WCAG AA colours), readable on a phone,
/// and printable (navigation and controls hidden, tables unclipped).
enum Stylesheet {
  static let css = """
    :root { --ink: #1b1f23; --muted: #4a5560; --line: #c9d1d9; --accent: #0b5cad; --accent-ink: #fff; --bg: #fff; --soft: #f3f6f9; --bad: #a4161a; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
    a { color: var(--accent); }
    a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #f2b01e; outline-offset: 2px; }
    .visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .skip-link { position: absolute; left: -999px; top: 0; background: var(--accent); color: var(--accent-ink); padding: .5rem 1rem; }
    .skip-link:focus { left: 0; z-index: 10; }
    .site-header { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; padding: .6rem 1.5rem; background: #102a43; color: #fff; }
    .site-header a { color: #fff; }
    .brand { font-weight: 700; font-size: 1.25rem; text-decoration: none; }
    .site-header nav ul { display: flex; gap: 1rem; list-style: none; margin: 0; padding: 0; flex-wrap: wrap; }
    .site-header nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
    .account { margin-left: auto; display: flex; gap: .75rem; align-items: center; }
    main { padding: 1rem 1.5rem 3rem; max-width: 1200px; }
    main:focus { outline: none; }
    .site-footer { padding: 1rem 1.5rem; color: var(--muted); border-top: 1px solid var(--line); font-size: .875rem; }
    h1 { font-size: 1.75rem; margin: .5rem 0 1rem; }
    h2 { font-size: 1.25rem; margin-top: 2rem; }
    .lede { color: var(--muted); }
    .narrow { max-width: 28rem; }
    .cards { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; }
    .card { display: flex; flex-direction: column; min-width: 11rem; padding: 1rem; border: 1px solid var(--line); border-radius: 6px; text-decoration: none; color: var(--ink); background: var(--soft); }
    .card strong { font-size: 1.75rem; }
    form.filters { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: flex-end; margin-bottom: 1rem; }
    .field { display: flex; flex-direction: column; gap: .25rem; margin-bottom: .75rem; }
    .field label { font-weight: 600; }
    .hint { margin: 0; color: var(--muted); font-size: .875rem; }
    .field-error, .error { color: var(--bad); font-weight: 600; }
    .has-error input { border-color: var(--bad); }
    input, select, textarea { font: inherit; padding: .4rem .5rem; border: 1px solid #6b7785; border-radius: 4px; min-width: 12rem; }
    button, .button { font: inherit; display: inline-block; padding: .45rem 1rem; border: 1px solid var(--accent); border-radius: 4px; background: var(--accent); color: var(--accent-ink); cursor: pointer; text-decoration: none; }
    .button.secondary { background: #fff; color: var(--accent); }
    button.link { background: none; border: none; color: inherit; text-decoration: underline; padding: 0; }
    form.inline { display: inline; }
    .notice { background: #e6f4ea; border: 1px solid #2e7d32; padding: .5rem .75rem; border-radius: 4px; }
    .table-tools { margin-top: .5rem; }
    .table-scroll { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
    caption { text-align: left; font-weight: 600; padding: .25rem 0; }
    th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
    thead th { background: var(--soft); white-space: nowrap; }
    th a { color: var(--ink); }
    .pagination ul { display: flex; gap: 1rem; list-style: none; padding: 0; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
    dl.facts dt { font-weight: 600; }
    dl.facts dd { margin: 0; }
    .breadcrumbs { font-size: .9rem; margin-top: .5rem; }
    .notes { list-style: none; padding: 0; }
    .note { border-left: 4px solid var(--line); padding: .25rem .75rem; margin-bottom: .5rem; }
    .note.confidential { border-color: var(--bad); }
    .restricted { color: var(--muted); font-style: italic; }
    tr.muted td { color: var(--muted); }
    fieldset { border: 1px solid var(--line); margin: .75rem 0; padding: .5rem .75rem; }
    .field.checkbox { display: flex; gap: .5rem; align-items: baseline; }
    figure.chart { margin: 1rem 0; max-width: 760px; }
    .chart-bar { fill: var(--accent); }
    .chart-label, .chart-value { font-size: 13px; fill: var(--ink); }
    figcaption { color: var(--muted); font-size: .875rem; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    thead th.num { white-space: normal; }
    .status-exception, .status-vacancy { color: var(--bad); }
    .decision + .decision { margin-top: .35rem; }
    .report-list li { margin-bottom: .35rem; }
    @media print {
      .site-header nav, .account, .skip-link, form, .pagination, #export-csv, .button { display: none !important; }
      .site-header { background: none; color: #000; padding: 0; }
      .site-header a { color: #000; }
      body { font-size: 11pt; }
      main { max-width: none; padding: 0; }
      a { color: #000; text-decoration: none; }
      .table-scroll { overflow: visible; }
      thead { display: table-header-group; }
      tr { page-break-inside: avoid; }
      figure.chart { break-inside: avoid; }
      table { font-size: 9pt; }
      .cards .card { border: 1px solid #000; background: none; }
    }
    """
}
