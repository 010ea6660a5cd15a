/// The inline style sheet of the HTML matrix: system fonts only, colours from ``MatrixSymbols``,
/// a card layout on phones, A4 landscape in print.
enum HTMLMatrixStyle {
    /// A light tint of each status colour for cell backgrounds.
    static func tint(_ status: EvaluationStatus) -> String {
        switch status {
        case .achieved: "#dff3ea"
        case .onTrack: "#e6f4e9"
        case .atRisk: "#fdf0dc"
        case .offTrack: "#fbe4e1"
        case .notStarted: "#eef1f5"
        case .noData: "#f4f6f8"
        case .error: "#f1e6fa"
        }
    }

    static var statusRules: String {
        MatrixSymbols.legendOrder.map { status in
            let name = status.rawValue
            return ".s-\(name) .sym, li.s-\(name) .sym, text.s-\(name) { color: \(MatrixSymbols.color(status)); fill: \(MatrixSymbols.color(status)); }\n"
                + "td.s-\(name), .badge.s-\(name) { background: \(tint(status)); border-left-color: \(MatrixSymbols.color(status)); }\n"
                + "circle.s-\(name), rect.s-\(name) { fill: \(MatrixSymbols.color(status)); }"
        }.joined(separator: "\n")
    }

    /// A page's start up to `</head>`: doctype, language, charset, viewport, generator, title
    /// (escaped) and this style sheet.
    static func head(language: String, title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="policy-tracker \(PolicyTrackerVersion.current)">
        <title>\(HTMLMatrixRenderer.escape(title))</title>
        <style>
        \(css)
        </style>
        </head>

        """
    }

    static var css: String {
        """
        :root { --ink: #1f2933; --muted: #52606d; --line: #d5dde5; --head: #eef2f6; --accent: #1e3a8a; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.45 "DejaVu Sans", "Noto Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        header, main, footer { max-width: 1400px; margin: 0 auto; padding: 0 24px; }
        header { padding-top: 20px; border-bottom: 3px solid var(--accent); padding-bottom: 12px; }
        h1 { font-size: 1.7rem; margin: 0 0 2px; color: var(--accent); }
        h2 { font-size: 1.2rem; margin: 26px 0 10px; color: var(--accent); }
        h3 { font-size: 1.05rem; margin: 0 0 6px; }
        h4 { font-size: .95rem; margin: 12px 0 4px; }
        .project { margin: 0 0 10px; color: var(--muted); }
        dl.dates { display: flex; flex-wrap: wrap; gap: 6px 28px; margin: 0; }
        dl.dates div { display: flex; gap: 6px; }
        dl.dates dt { color: var(--muted); }
        dl.dates dt::after { content: ":"; }
        dl.dates dd { margin: 0; font-weight: 600; }
        .legend { margin-top: 14px; }
        .legend h2 { font-size: 1rem; margin: 0 0 6px; }
        .legend ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: .9rem; }
        .legend .sym { font-size: 1.05rem; }
        .mark { font-size: .8em; vertical-align: super; margin-left: 1px; color: var(--muted); }
        .changed-mark { color: #9a3412; font-weight: 700; }
        .note, .chart-key { color: var(--muted); font-size: .88rem; }
        .table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
        table { border-collapse: collapse; width: 100%; }
        th, td { padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: middle; }
        thead th { background: var(--head); font-weight: 600; text-align: center; white-space: nowrap; }
        thead th small { display: block; font-weight: 400; color: var(--muted); font-size: .7rem; white-space: normal; }
        thead th:first-child { text-align: left; }
        tbody th[scope=row] { text-align: left; font-weight: 500; min-width: 200px; max-width: 320px; background: #fff; }
        table.matrix tbody th[scope=row] { position: sticky; left: 0; z-index: 1; }
        tr.partner th { background: #f7f9fb; text-align: left; font-weight: 700; color: var(--accent); padding-top: 10px; }
        td.cell { text-align: center; border-left: 4px solid transparent; white-space: nowrap; min-width: 84px; padding: 5px 4px; }
        td.cell .sym { font-size: 1.05rem; }
        td.cell .pct { font-weight: 600; }
        td.cell .st { display: block; font-size: .74rem; color: var(--muted); }
        td.count { text-align: center; white-space: nowrap; }
        .illustrative, i { font-style: italic; }
        td.changed, tr.changed { outline: 2px dashed #c2410c; outline-offset: -3px; }
        .later { display: block; font-size: .74rem; color: #9a3412; }
        tbody.project th[scope=row] { font-weight: 700; }
        table.sums .num, table.items .num { text-align: right; white-space: nowrap; }
        th.num { text-align: right; }
        .not-summed { color: var(--muted); font-style: italic; }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 14px; }
        figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 10px 10px 4px; break-inside: avoid; }
        figcaption { font-size: .9rem; margin-bottom: 4px; }
        figcaption small { display: block; color: var(--muted); }
        svg { display: block; width: 100%; height: auto; font-family: inherit; }
        .chart-key svg { display: inline-block; width: 28px; vertical-align: middle; }
        .grid { stroke: #e3e8ee; stroke-width: 1; }
        .grid.target { stroke: #9aa5b1; stroke-dasharray: 2 3; }
        .axis { font-size: 10px; fill: var(--muted); }
        .progress-line { fill: none; stroke: var(--accent); stroke-width: 2.5; }
        .expected-line { fill: none; stroke: #7b8794; stroke-width: 2; stroke-dasharray: 6 4; }
        .expected-line-dot { fill: #7b8794; }
        .progress-line-dot { fill: var(--accent); }
        .pt-sym { font-size: 9px; fill: #fff; font-weight: 700; }
        .pt { font-size: 12px; }
        .track { fill: #eef2f6; }
        .tick { stroke: var(--ink); stroke-width: 2; }
        .badge { display: inline-block; border-left: 4px solid transparent; padding: 1px 8px; border-radius: 3px; white-space: nowrap; }
        article.instrument { border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; margin-bottom: 14px; break-inside: avoid; }
        .summary { margin: 0 0 8px; }
        table.items { margin: 6px 0; font-size: .9rem; }
        table.items caption { text-align: left; font-weight: 600; padding: 4px 8px; }
        svg.bars { max-width: 520px; }
        .code { font-family: "DejaVu Sans Mono", monospace; font-size: .85em; color: var(--muted); }
        .findings { font-size: .88rem; }
        .f-error b { color: #7e22ce; } .f-warning b { color: #b45309; } .f-info b { color: var(--muted); }
        .errors { border-left: 4px solid #7e22ce; padding-left: 12px; }
        .iid { display: block; font-weight: 400; font-size: .72rem; color: var(--muted); font-family: "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
        h3 .iid { display: inline; }
        a.to-why { color: inherit; text-decoration: none; display: block; }
        a.to-why:hover, a.to-why:focus { text-decoration: underline; }
        .drill details.why { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 10px; padding: 6px 12px; }
        .drill details:has(> div:target) { outline: 2px solid var(--accent); }
        .drill summary { cursor: pointer; padding: 4px 0; }
        .drill summary .iid { display: inline; }
        .drill details.item-why { margin: 6px 0 6px 8px; padding-left: 8px; border-left: 2px solid var(--line); }
        ol.trace { margin: 4px 0 10px; padding-left: 2.2em; font-size: .86rem; }
        ol.trace li { margin: 2px 0; overflow-wrap: anywhere; }
        ol.trace .kind { display: inline-block; min-width: 6.5em; font-size: .75rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
        ol.trace .origin, table.deciders code { font-family: "DejaVu Sans Mono", monospace; font-size: .8rem; overflow-wrap: anywhere; }
        ol.trace li.k-override .kind, span.k-override { color: #b45309; font-weight: 700; }
        ol.trace li.k-decision .kind { color: var(--ink); font-weight: 700; }
        ol.trace li.k-finding .kind { color: #7e22ce; }
        table.deciders { font-size: .86rem; margin: 4px 0 8px; }
        footer { margin-top: 28px; padding-top: 10px; padding-bottom: 24px; border-top: 1px solid var(--line); color: var(--muted); font-size: .85rem; }
        \(statusRules)
        @media (max-width: 720px) {
          body { font-size: 14px; }
          header, main, footer { padding-left: 12px; padding-right: 12px; }
          h1 { font-size: 1.35rem; }
          table.matrix, table.matrix tbody, table.matrix tr, table.matrix th, table.matrix td { display: block; }
          table.matrix thead { display: none; }
          table.matrix tr { display: grid; grid-template-columns: repeat(4, 1fr); gap: 4px; padding: 6px 0; border-bottom: 1px solid var(--line); }
          table.matrix tbody th[scope=row], table.matrix tr.partner th { grid-column: 1 / -1; position: static; min-width: 0; max-width: none; border: 0; padding: 2px 4px; }
          table.matrix td { border-bottom: 0; min-width: 0; padding: 4px 2px; border-radius: 4px; }
          table.matrix td::before { content: attr(data-period); display: block; font-size: .7rem; color: var(--muted); }
          table.matrix td.count { grid-column: span 2; }
          .table-wrap { border: 0; }
          .charts { grid-template-columns: 1fr; }
          tbody th[scope=row] { min-width: 140px; }
        }
        @media print {
          @page { size: A4 landscape; margin: 10mm; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          body { font-size: 8.5pt; }
          header, main, footer { max-width: none; padding: 0; }
          h2 { margin: 12px 0 6px; }
          .table-wrap { overflow: visible; border: 0; }
          table.matrix tbody th[scope=row] { position: static; min-width: 0; }
          td.cell { min-width: 0; }
          tr, figure, article.instrument { break-inside: avoid; }
          .charts { grid-template-columns: repeat(3, 1fr); gap: 8px; }
          .charts-section { break-before: page; }
          .drill { break-before: page; font-size: 7.5pt; }
          ol.trace { font-size: 7pt; }
          .drill details::details-content { content-visibility: visible; display: block; }
          .drill details > summary { list-style: none; }
          .drill details.why { break-inside: auto; }
          ol.trace li, table.deciders tr { break-inside: avoid; }
          a.to-why { text-decoration: none; }
        }
        """
    }
}
