/// The status page's templates: the page (a `document` with its blocks filled) and one target's row. Rendered from
/// `StatusPageModel`; every value is escaped, the two charts of a row are `SVGMarkup`.
enum StatusPageTemplate {
    static let page = """
        {{<document}}
        {{$head}}{{#refresh}}<meta http-equiv="refresh" content="{{.}}"/>{{/refresh}}{{/head}}
        {{$title}}{{title}}{{/title}}
        {{$body}}
        <header>
        <h1>smokegate status</h1>
        <ul class="counts" aria-label="targets by state">
        <li class="down{{#counts.someDown}} some{{/counts.someDown}}"><span aria-hidden="true">▼</span> <b class="num">{{counts.down}}</b> down</li>
        <li class="up"><span aria-hidden="true">▲</span> <b class="num">{{counts.up}}</b> up</li>
        <li class="unknown"><span aria-hidden="true">?</span> <b class="num">{{counts.unknown}}</b> unknown</li>
        </ul>
        <p class="sub">{{counts.total}} · updated <time datetime="{{generatedAtISO}}">{{generatedAt}}</time> · {{running}} · {{configuration}}</p>
        </header>
        {{#notReady}}
        <p class="problem" role="status">Not probing now: the service is starting or shutting down.</p>
        {{/notReady}}
        {{#reload}}
        <section class="problem" role="alert">
        <h2>Reload failed</h2>
        <p>At <time datetime="{{atISO}}">{{at}}</time> the changed configuration could not be loaded ({{failures}}); the previous configuration still runs.</p>
        <ul>{{#errors}}<li><code>{{.}}</code></li>{{/errors}}</ul>
        </section>
        {{/reload}}
        {{#downNow}}
        <nav class="down-now" aria-label="targets down now"><h2>Down now</h2>
        <ul>{{#links}}<li><a href="#{{anchor}}">{{name}}</a> <span class="sub">{{detail}}</span></li>{{/links}}</ul>
        {{#more}}<p class="sub">{{.}}</p>{{/more}}
        </nav>
        {{/downNow}}
        {{#noTargets}}
        <p>No targets: the configuration has no checks to probe.</p>
        {{/noTargets}}
        {{#groups}}
        <details class="group" open="">
        <summary><h2>{{name}}</h2> <span class="sub">{{tally}}</span></summary>
        <table class="targets">
        <thead><tr><th class="c-state">State</th><th class="c-target">Target and last result</th><th class="c-avail">Availability</th>\
        <th class="c-latency">Latency, last probes</th><th class="c-windows">Downtime, last 24&#160;h</th></tr></thead>
        <tbody>
        {{#rows}}{{>status-row}}{{/rows}}
        </tbody>
        </table>
        </details>
        {{/groups}}
        <footer>smokegate {{toolVersion}}{{#refresh}} · this page reloads every {{.}} s{{/refresh}} · the same figures as JSON: \
        <a href="api/v1/status">api/v1/status</a> · times in UTC</footer>
        {{/body}}
        {{/document}}

        """

    static let row = """
        <tr id="{{anchor}}" class="{{state}}" data-target="{{key}}">\
        <td class="state"><span class="state {{state}}"><span aria-hidden="true">{{symbol}}</span> {{state}}</span>\
        <div class="sub">{{sinceText}}{{#sinceAt}}<br/>since <time datetime="{{iso}}">{{text}}</time>{{/sinceAt}}</div></td>\
        <td class="target"><div class="name">{{check}}</div><div class="sub">{{suite}} · {{kind}} · {{target}}{{#version}} · version <b>{{.}}</b>{{/version}}</div>\
        <div class="last">{{#lastFailure}}<span class="reason">{{reason}}</span> {{message}} · {{/lastFailure}}{{lastText}}</div></td>\
        <td class="avail"><dl class="avail"><dt>1&#160;h</dt><dd>{{hour}}</dd><dt>24&#160;h</dt><dd>{{day}}</dd><dt>7&#160;d</dt><dd>{{week}}</dd></dl></td>\
        <td class="latency">{{{sparkline}}}<div class="sub">{{latencyText}}</div></td>\
        <td class="windows">{{{timeline}}}{{#windowList}}<details class="windows"><summary>{{summary}}</summary>\
        <ol>{{#items}}<li>{{.}}</li>{{/items}}</ol></details>{{/windowList}}{{^windowList}}<div class="sub">{{windowsText}}</div>{{/windowList}}</td></tr>

        """
}
