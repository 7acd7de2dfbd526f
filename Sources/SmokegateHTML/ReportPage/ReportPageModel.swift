import Mustache

/// What the run / watch report page shows, every text a `PageText` and every chart `SVGMarkup`: the templates' only
/// input. Optional parts are arrays of none or one (Mustache climbs the context for a name it does not find).
struct ReportPageModel {
    /// `up`, `down` or `unknown`: the status page's classes for good, bad and neither, so both pages read alike.
    typealias Tone = PageText

    /// A list that is shown only when it has items: none or one of these.
    struct List {
        var items: [PageText]
    }

    struct Verdict {
        var tone: Tone
        var symbol: PageText
        var decision: PageText
        var headline: PageText
        var reasons: [List]
        var moreReasons: [PageText]
    }

    struct Section<Item> {
        var heading: PageText
        var tally: PageText
        var items: [Item]
        /// Unfolded when the page opens.
        var open = true
    }

    struct Gate {
        var tone: Tone
        var result: PageText
        var threshold: PageText
        var place: PageText
        var observed: PageText
        var message: PageText
    }

    struct Failure {
        var reason: PageText
        var count: PageText
        var first: PageText
        var message: PageText
    }

    struct Result {
        var tone: Tone
        var environment: PageText
        var status: PageText
        var n: PageText
        var p50: PageText
        var p95: PageText
        var p99: PageText
        var errorRate: PageText
        var failures: [Failure]
        var note: [PageText]
    }

    struct Check {
        var anchor: PageText
        var key: PageText
        var tone: Tone
        var status: PageText
        var open: Bool
        var name: PageText
        var detail: PageText
        var results: [Result]
        var phases: [SVGMarkup]
    }

    struct Metric {
        var tone: Tone
        var metric: PageText
        var baseline: PageText
        var candidate: PageText
        var delta: PageText
        var margin: PageText
        var tail: PageText
    }

    struct Comparison {
        var anchor: PageText
        var key: PageText
        var tone: Tone
        var decision: PageText
        var open: Bool
        var name: PageText
        var headline: PageText
        var reason: PageText
        var chart: [SVGMarkup]
        /// The environments' names: the figures' column heads (a metric's own `baseline` is its value).
        var baselineName: PageText
        var candidateName: PageText
        var metrics: [Metric]
        var tests: [PageText]
    }

    typealias WindowList = PageWindowList

    struct WatchTarget {
        var key: PageText
        var tone: Tone
        var state: PageText
        var name: PageText
        var facts: PageText
        var timeline: SVGMarkup
        var windowList: [WindowList]
    }

    var title: PageText
    var verdict: Verdict
    var summary: PageText
    var generatedAt: PageText
    var toolVersion: PageText
    var warnings: [List]
    var gates: [Section<Gate>]
    var comparison: [Section<Comparison>]
    var watch: [Section<WatchTarget>]
    var checks: [Section<Check>]
}

// A thousand checks are read a few dozen names each: a lookup by name instead of swift-mustache's default (a Mirror
// of the whole value for every name), as the status page's rows do.
extension ReportPageModel.Check: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "anchor": anchor
        case "key": key
        case "tone": tone
        case "status": status
        case "open": open
        case "name": self.name
        case "detail": detail
        case "results": results
        case "phases": phases
        default: nil
        }
    }
}

extension ReportPageModel.Result: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "tone": tone
        case "environment": environment
        case "status": status
        case "n": n
        case "p50": p50
        case "p95": p95
        case "p99": p99
        case "errorRate": errorRate
        case "failures": failures
        case "note": note
        default: nil
        }
    }
}

extension ReportPageModel.Failure: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "reason": reason
        case "count": count
        case "first": first
        case "message": message
        default: nil
        }
    }
}

extension ReportPageModel.Comparison: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "anchor": anchor
        case "key": key
        case "tone": tone
        case "decision": decision
        case "open": open
        case "name": self.name
        case "headline": headline
        case "reason": reason
        case "chart": chart
        case "baselineName": baselineName
        case "candidateName": candidateName
        case "metrics": metrics
        case "tests": tests
        default: nil
        }
    }
}

extension ReportPageModel.Metric: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "tone": tone
        case "metric": metric
        case "baseline": baseline
        case "candidate": candidate
        case "delta": delta
        case "margin": margin
        case "tail": tail
        default: nil
        }
    }
}
