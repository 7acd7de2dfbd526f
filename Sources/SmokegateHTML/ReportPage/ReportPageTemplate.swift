/// The report page's templates: the page (a `document` with its blocks filled, as the status page's), a check and a
/// comparison. Rendered from `ReportPageModel`; every value is escaped, charts are `SVGMarkup`. Sections are
/// `<details>`: the page of a thousand checks opens on the verdict, with only what did not pass unfolded.
enum ReportPageTemplate {
    static let page = """
        {{<document}}
        {{$title}}{{title}}{{/title}}
        {{$body}}
        <header>
        <h1>smokegate report</h1>
        {{#verdict}}
        <section class="verdict {{tone}}" aria-label="decision">
        <p class="decision"><span class="state {{tone}}"><span aria-hidden="true">{{symbol}}</span> {{decision}}</span> {{headline}}</p>
        {{#reasons}}<ul class="reasons">{{#items}}<li>{{.}}</li>{{/items}}</ul>{{/reasons}}
        {{#moreReasons}}<p class="sub">{{.}}</p>{{/moreReasons}}
        </section>
        {{/verdict}}
        <p class="sub">{{summary}} · {{generatedAt}} · smokegate {{toolVersion}}</p>
        </header>
        {{#warnings}}<section class="note"><h2>Warnings</h2><ul>{{#items}}<li>{{.}}</li>{{/items}}</ul></section>{{/warnings}}
        {{#gates}}
        <details class="group"{{#open}} open=""{{/open}} id="gates">
        <summary><h2>{{heading}}</h2> <span class="sub">{{tally}}</span></summary>
        <table class="report gates">
        <thead><tr><th>Result</th><th>Gate</th><th>Where</th><th>Observed</th><th>Why</th></tr></thead>
        <tbody>
        {{#items}}<tr class="{{tone}}" data-gate="{{threshold}}"><td><span class="state {{tone}}">{{result}}</span></td><td><code>{{threshold}}</code></td>\
        <td>{{place}}</td><td class="num">{{observed}}</td><td>{{message}}</td></tr>
        {{/items}}
        </tbody>
        </table>
        </details>
        {{/gates}}
        {{#comparison}}
        <details class="group" open="" id="comparison">
        <summary><h2>{{heading}}</h2> <span class="sub">{{tally}}</span></summary>
        {{#items}}{{>report-comparison}}{{/items}}
        </details>
        {{/comparison}}
        {{#watch}}
        <details class="group" open="" id="watch">
        <summary><h2>{{heading}}</h2> <span class="sub">{{tally}}</span></summary>
        {{#items}}<div class="watched {{tone}}" data-target="{{key}}"><div><span class="state {{tone}}">{{state}}</span> <span class="name">{{name}}</span></div>\
        <div class="sub">{{facts}}</div>{{{timeline}}}{{#windowList}}<details class="windows"><summary>{{summary}}</summary>\
        <ol>{{#items}}<li>{{.}}</li>{{/items}}</ol></details>{{/windowList}}</div>
        {{/items}}
        </details>
        {{/watch}}
        {{#checks}}
        <details class="group" open="" id="checks">
        <summary><h2>{{heading}}</h2> <span class="sub">{{tally}}</span></summary>
        {{#items}}{{>report-check}}{{/items}}
        </details>
        {{/checks}}
        <footer>smokegate {{toolVersion}} · the same figures as JSON: verdict.json · times in UTC · this page runs no script and fetches nothing</footer>
        {{/body}}
        {{/document}}

        """

    static let check = """
        <details class="item {{tone}}" id="{{anchor}}" data-check="{{key}}"{{#open}} open=""{{/open}}>\
        <summary><span class="state {{tone}}">{{status}}</span> <span class="name">{{name}}</span> <span class="sub">{{detail}}</span></summary>
        <table class="report results">
        <thead><tr><th>Env</th><th>Result</th><th>n</th><th>p50</th><th>p95</th><th>p99</th><th>Errors</th><th>Failures</th></tr></thead>
        <tbody>
        {{#results}}<tr class="{{tone}}" data-result="{{environment}}"><td>{{environment}}</td><td><span class="state {{tone}}">{{status}}</span></td>\
        <td class="num" data-label="n">{{n}}</td><td class="num" data-label="p50">{{p50}}</td><td class="num" data-label="p95">{{p95}}</td>\
        <td class="num" data-label="p99">{{p99}}</td><td class="num" data-label="errors">{{errorRate}}</td>\
        <td>{{#failures}}<div class="failure"><span class="reason">{{reason}}</span> ×{{count}} <span class="sub">{{first}}</span> {{message}}</div>{{/failures}}\
        {{#note}}<div class="sub">{{.}}</div>{{/note}}</td></tr>
        {{/results}}
        </tbody>
        </table>
        {{#phases}}{{{.}}}{{/phases}}
        </details>

        """

    static let comparison = """
        <details class="item {{tone}}" id="{{anchor}}" data-comparison="{{key}}"{{#open}} open=""{{/open}}>\
        <summary><span class="state {{tone}}">{{decision}}</span> <span class="name">{{name}}</span> <span class="sub">{{headline}}</span></summary>
        <p class="because">{{reason}}</p>
        {{#chart}}<div class="cdf">{{{.}}}</div>{{/chart}}
        <table class="report figures">
        <thead><tr><th>Metric</th><th>{{baselineName}}</th><th>{{candidateName}}</th><th>Δ</th><th>Margin</th><th>Test</th></tr></thead>
        <tbody>
        {{#metrics}}<tr class="{{tone}}"><td>{{metric}}</td><td class="num" data-label="{{baselineName}}">{{baseline}}</td><td class="num" data-label="{{candidateName}}">{{candidate}}</td><td class="num" data-label="Δ">{{delta}}</td>\
        <td>{{margin}}</td><td>{{tail}}</td></tr>
        {{/metrics}}
        </tbody>
        </table>
        {{#tests}}<p class="sub">{{.}}</p>{{/tests}}
        </details>

        """
}
