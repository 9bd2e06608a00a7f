namespace AiLiteracy.Server.Dashboard;

/// <summary>The dashboard's stylesheet: system fonts, WCAG AA colours, visible focus, phone-first layout, print rules.</summary>
internal static class DashboardStyles
{
    public const string Css = """
        :root { color-scheme: light; --blue: #000091; --ink: #161616; --muted: #3a3a3a; --line: #cecece; --soft: #f6f6f6; --focus: #0a76f6; }
        * { box-sizing: border-box; }
        html { font-size: 100%; -webkit-text-size-adjust: 100%; }
        body { margin: 0; font-family: "Marianne", system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); background: #fff; line-height: 1.5; }
        a { color: var(--blue); text-underline-offset: 2px; }
        a:hover { text-decoration-thickness: 2px; }
        :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
        .skip { position: absolute; left: -9999px; top: 0; background: #fff; padding: 8px 12px; z-index: 10; }
        .skip:focus { left: 8px; top: 8px; }
        header.top { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; justify-content: space-between; padding: 12px 16px; border-bottom: 4px solid var(--blue); }
        .brand { display: flex; flex-direction: column; }
        .brand .org { font-weight: 700; font-size: 1.05rem; }
        .brand .app { color: var(--muted); font-size: .9rem; }
        .top-actions { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
        .top-actions form { margin: 0; }
        button, .button { font: inherit; font-weight: 600; border: 2px solid var(--blue); background: var(--blue); color: #fff; padding: 6px 14px; border-radius: 4px; cursor: pointer; text-decoration: none; display: inline-block; }
        button.secondary, .button.secondary { background: #fff; color: var(--blue); }
        nav.tabs { border-bottom: 1px solid var(--line); overflow-x: auto; }
        nav.tabs ul { list-style: none; display: flex; margin: 0; padding: 0 8px; gap: 4px; }
        nav.tabs a { display: block; padding: 12px 12px 10px; text-decoration: none; color: var(--ink); border-bottom: 3px solid transparent; white-space: nowrap; }
        nav.tabs a[aria-current="page"] { color: var(--blue); border-bottom-color: var(--blue); font-weight: 700; }
        main { padding: 16px; max-width: 1200px; margin: 0 auto; }
        main:focus { outline: none; }
        h1 { font-size: 1.6rem; margin: 8px 0 4px; }
        h2 { font-size: 1.25rem; margin: 0 0 12px; }
        h3 { font-size: 1.05rem; margin: 16px 0 8px; }
        .asof { color: var(--muted); margin: 0 0 16px; }
        form.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-end; background: var(--soft); padding: 12px; border-radius: 4px; margin-bottom: 20px; }
        form.filters div { display: flex; flex-direction: column; min-width: 0; flex: 1 1 220px; }
        label { font-weight: 600; margin-bottom: 4px; }
        select, input[type="password"], input[type="text"] { font: inherit; padding: 8px; border: 1px solid #666; border-radius: 4px; background: #fff; color: var(--ink); max-width: 100%; }
        .filter-actions { display: flex; gap: 12px; align-items: center; flex: 0 0 auto; }
        .alert { border-left: 4px solid #ce0500; background: #fee9e9; padding: 12px; margin: 0 0 16px; }
        .note { color: var(--muted); font-size: .95rem; }
        dl.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; margin: 0 0 24px; }
        dl.kpis div { border: 1px solid var(--line); border-top: 4px solid var(--blue); padding: 10px 12px; border-radius: 4px; }
        dl.kpis dt { color: var(--muted); font-size: .9rem; }
        dl.kpis dd { margin: 4px 0 0; font-size: 1.5rem; font-weight: 700; }
        dl.kpis dd small { font-size: .9rem; font-weight: 400; color: var(--muted); }
        section.panel { border: 1px solid var(--line); border-radius: 4px; padding: 16px; margin-bottom: 24px; }
        .chart-and-table { display: grid; grid-template-columns: minmax(0, 1fr); gap: 16px; }
        @media (min-width: 1000px) { .chart-and-table { grid-template-columns: minmax(0, 440px) minmax(0, 1fr); align-items: start; } }
        figure { margin: 0; }
        figcaption { font-weight: 600; margin-bottom: 8px; }
        svg.chart { width: 100%; height: auto; max-width: 440px; display: block; }
        svg.chart-donut { max-width: 260px; }
        .chart-label { font-size: 14px; fill: #161616; }
        .chart-value { font-size: 14px; font-weight: 700; fill: #161616; }
        .donut-total { font-size: 30px; font-weight: 700; fill: #161616; }
        .chart-empty { font-size: 14px; fill: #3a3a3a; }
        ul.legend { list-style: none; padding: 0; margin: 12px 0 0; display: grid; gap: 6px; }
        ul.legend li { display: flex; gap: 8px; align-items: center; }
        .swatch { width: 14px; height: 14px; flex: none; }
        .table-wrap { overflow-x: auto; max-width: 100%; }
        table { border-collapse: collapse; width: 100%; font-size: .95rem; }
        caption { text-align: left; font-weight: 600; padding: 0 0 6px; }
        th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
        thead th { border-bottom: 2px solid var(--ink); background: var(--soft); }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tfoot th, tfoot td { font-weight: 700; border-top: 2px solid var(--ink); }
        .status-ok { color: #18753c; font-weight: 600; }
        .status-ko { color: #ce0500; font-weight: 600; }
        ul.downloads { display: flex; flex-wrap: wrap; gap: 8px 16px; padding: 0; list-style: none; margin: 8px 0 0; }
        .signin { max-width: 480px; margin: 48px auto; padding: 24px; border: 1px solid var(--line); border-radius: 4px; }
        .signin form { display: flex; flex-direction: column; gap: 8px; margin-top: 16px; }
        .signin .or { margin: 16px 0 0; color: var(--muted); }
        .signin h2.or { font-size: 1rem; margin: 24px 0 0; padding-top: 16px; border-top: 1px solid var(--line); color: var(--ink); }
        .signin a.button { display: block; text-align: center; margin-top: 8px; }
        footer.bottom { border-top: 1px solid var(--line); padding: 16px; color: var(--muted); font-size: .9rem; text-align: center; }
        @media print {
          header.top .top-actions, nav.tabs, form.filters, .skip, ul.downloads { display: none; }
          section.panel { break-inside: avoid; border: none; padding: 0; }
          a { color: inherit; text-decoration: none; }
        }
        """;
}
