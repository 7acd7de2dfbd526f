import Mustache

/// What the status page shows, every text a `PageText` and every chart `SVGMarkup`: the templates' only input.
/// Optional parts are arrays of none or one, so a missing value never makes a template look up a same-named value
/// further out (Mustache climbs the context for names it does not find).
struct StatusPageModel {
    struct Counts {
        var up: PageText
        var down: PageText
        var unknown: PageText
        var total: PageText
        var someDown: Bool
    }

    struct Reload {
        var at: PageText
        var atISO: PageText
        var failures: PageText
        var errors: [PageText]
    }

    struct DownLink {
        var anchor: PageText
        var name: PageText
        var detail: PageText
    }

    struct DownNow {
        var links: [DownLink]
        var more: [PageText]
    }

    struct Group {
        var name: PageText
        var tally: PageText
        var rows: [Row]
    }

    struct Moment {
        var text: PageText
        var iso: PageText
    }

    struct LastFailure {
        var reason: PageText
        var message: PageText
    }

    typealias WindowList = PageWindowList

    struct Row {
        var anchor: PageText
        var key: PageText
        var state: PageText
        var symbol: PageText
        var sinceText: PageText
        var sinceAt: [Moment]
        var check: PageText
        var suite: PageText
        var kind: PageText
        var target: PageText
        var version: [PageText]
        var lastFailure: [LastFailure]
        var lastText: PageText
        var hour: PageText
        var day: PageText
        var week: PageText
        var sparkline: SVGMarkup
        var latencyText: PageText
        var timeline: SVGMarkup
        var windowList: [WindowList]
        var windowsText: PageText
    }

    var title: PageText
    var refresh: [PageText]
    var counts: Counts
    var generatedAt: PageText
    var generatedAtISO: PageText
    var running: PageText
    var configuration: PageText
    var notReady: Bool
    var reload: [Reload]
    var downNow: [DownNow]
    var noTargets: Bool
    var groups: [Group]
    var toolVersion: PageText
}

// A thousand rows are read a few dozen names each: a lookup by name, instead of swift-mustache's default (a Mirror of
// the whole value for every name), makes rendering them several times faster.
extension StatusPageModel.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "anchor": anchor
        case "key": key
        case "state": state
        case "symbol": symbol
        case "sinceText": sinceText
        case "sinceAt": sinceAt
        case "check": check
        case "suite": suite
        case "kind": kind
        case "target": target
        case "version": version
        case "lastFailure": lastFailure
        case "lastText": lastText
        case "hour": hour
        case "day": day
        case "week": week
        case "sparkline": sparkline
        case "latencyText": latencyText
        case "timeline": timeline
        case "windowList": windowList
        case "windowsText": windowsText
        default: nil
        }
    }
}
