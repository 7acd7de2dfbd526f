/// The one stylesheet of smokegate's pages, inlined into each (no file to fetch, so a page saved or mailed reads the
/// same offline). Light only; text and marks meet WCAG AA contrast; states carry a symbol and a word besides their
/// colour. Below 760 px a table row becomes a card of two columns, so a phone never scrolls sideways.
enum PageStyle {
    static let css = """
        :root{color-scheme:light;--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--up:#1a7f37;--down:#c21c2c;--unknown:#59636e;\
        --down-bg:#fff5f4;--link:#0550ae}
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
        body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);background:#fff}
        main{max-width:1480px;margin:0 auto;padding:12px 16px 24px}
        a{color:var(--link)}
        h1{font-size:1.4rem;margin:.2rem 0 .4rem}
        h2{font-size:1.1rem;margin:0}
        code{font:.88em/1.3 ui-monospace,"DejaVu Sans Mono",monospace}
        .muted,.sub{color:var(--muted)}
        .sub{font-size:.82rem}
        .num{font-variant-numeric:tabular-nums}
        svg.chart{display:block;width:100%;height:auto;max-width:100%}
        .counts{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;margin:.4rem 0 .6rem;padding:0}
        .counts li{border:2px solid currentColor;border-radius:6px;padding:.25rem .75rem;font-size:1.05rem;background:#fff}
        .counts b{font-size:1.3rem}
        span.state.up,.counts .up{color:var(--up)}
        span.state.down,.counts .down{color:var(--down)}
        span.state.unknown,.counts .unknown{color:var(--unknown)}
        .counts .down.some{background:var(--down-bg)}
        span.state{font-weight:700;white-space:nowrap;text-transform:uppercase;letter-spacing:.02em}
        .problem{border-left:6px solid var(--down);background:var(--down-bg);padding:.5rem .9rem;margin:.8rem 0;border-radius:0 6px 6px 0}
        .problem h2{color:var(--down)}
        .problem ul{margin:.3rem 0;padding-left:1.2rem}
        nav.down-now{margin:.6rem 0}
        nav.down-now ul{display:flex;flex-wrap:wrap;gap:.2rem 1.1rem;list-style:none;margin:.3rem 0;padding:0}
        details.group{margin:1rem 0 0}
        details.group>summary{position:sticky;top:0;z-index:1;background:#fff;padding:.45rem 0;border-bottom:2px solid var(--line);cursor:pointer}
        details.group>summary h2{display:inline}
        table.targets{width:100%;border-collapse:collapse;table-layout:fixed}
        table.targets th{text-align:left;font-size:.78rem;font-weight:600;color:var(--muted);padding:.35rem .5rem}
        table.targets td{padding:.5rem;border-top:1px solid var(--line);vertical-align:top;overflow-wrap:anywhere}
        th.c-state{width:9rem}
        th.c-avail{width:8.5rem}
        th.c-latency,th.c-windows{width:21%}
        tr.down{background:var(--down-bg)}
        tr.down td.state{box-shadow:inset 4px 0 var(--down)}
        .name{font-weight:600;font-size:1rem}
        .last{font-size:.85rem;margin-top:.15rem}
        .reason{color:var(--down);font-weight:600}
        dl.avail{display:grid;grid-template-columns:auto 1fr;gap:0 .5rem;margin:0;font-size:.85rem}
        dl.avail dt{color:var(--muted)}
        dl.avail dd{margin:0;font-variant-numeric:tabular-nums}
        details.windows summary{cursor:pointer;font-size:.82rem;color:var(--muted)}
        details.windows ol{margin:.25rem 0;padding-left:1.1rem;font-size:.8rem}
        footer{margin-top:1.5rem;font-size:.8rem;color:var(--muted)}
        .verdict{border-left:8px solid var(--unknown);background:var(--soft);padding:.5rem .9rem;margin:.6rem 0;border-radius:0 6px 6px 0}
        .verdict.up{border-color:var(--up)}
        .verdict.down{border-color:var(--down);background:var(--down-bg)}
        .verdict .decision{font-size:1.15rem;margin:.2rem 0}
        .verdict .decision span.state{font-size:1.4rem;margin-right:.4rem}
        .verdict ul.reasons{margin:.3rem 0;padding-left:1.2rem}
        .note{border-left:6px solid var(--unknown);background:var(--soft);padding:.4rem .9rem;margin:.8rem 0}
        .note ul{margin:.3rem 0;padding-left:1.2rem}
        details.item{border-top:1px solid var(--line);padding:.35rem 0}
        details.item>summary{cursor:pointer;padding:.15rem 0}
        details.item.down{box-shadow:inset 4px 0 var(--down);padding-left:.6rem}
        details.item[open]>summary{margin-bottom:.3rem}
        table.report{width:100%;border-collapse:collapse;margin:.3rem 0 .5rem;font-size:.9rem}
        table.report th{text-align:left;font-size:.78rem;font-weight:600;color:var(--muted);padding:.25rem .45rem}
        table.report td{padding:.3rem .45rem;border-top:1px solid var(--line);vertical-align:top;overflow-wrap:anywhere}
        table.report tr.down{background:var(--down-bg)}
        .failure{margin:.1rem 0}
        .because{margin:.2rem 0 .4rem}
        div.cdf{max-width:760px}
        svg.phases{max-width:760px}
        div.watched{border-top:1px solid var(--line);padding:.5rem 0}
        div.watched svg.timeline{max-width:900px}
        @media (max-width:760px){
        main{padding:8px 10px 20px}
        .counts li{font-size:.95rem;padding:.15rem .5rem}
        .counts b{font-size:1.15rem}
        table.targets thead{display:none}
        table.targets,table.targets tbody{display:block}
        table.targets tr{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);grid-template-areas:"target target" "state avail" "latency windows";\
        gap:.35rem .75rem;padding:.6rem .4rem;border-top:1px solid var(--line)}
        table.targets td{display:block;border:0;padding:0}
        td.target{grid-area:target}
        td.state{grid-area:state}
        td.avail{grid-area:avail}
        td.latency{grid-area:latency}
        td.windows{grid-area:windows}
        tr.down td.state{box-shadow:none}
        tr.down{box-shadow:inset 4px 0 var(--down)}
        table.report thead{display:none}
        table.report,table.report tbody,table.report tr{display:block}
        table.report tr{display:flex;flex-wrap:wrap;gap:.1rem .6rem;padding:.4rem .2rem;border-top:1px solid var(--line)}
        table.report td{display:block;border:0;padding:0}
        table.report td[data-label]::before{content:attr(data-label) " ";color:var(--muted);font-size:.75rem}
        }
        """
}
