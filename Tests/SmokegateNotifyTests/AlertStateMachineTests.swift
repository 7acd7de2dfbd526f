import Foundation
import SmokegateAlerts
import SmokegateModel
import SmokegateVerdict
import Testing

/// serve's alert decisions as sequences of probes and ticks: no clock, no server.
@Suite struct AlertStateMachineTests {
    static let start = Date(timeIntervalSince1970: 1_750_000_000)
    static let webhook = AlertDestination.webhook(WebhookDestination(url: "http://127.0.0.1:9/hook"))

    static func routing(failure: Int = 3, success: Int = 2, groupWithin: Duration = .seconds(30), reminder: Duration? = nil) -> AlertRouting {
        var block = AlertBlock(location: SourceLocation(file: "suite.yml", line: 1, column: 1))
        block.failureThreshold = failure
        block.successThreshold = success
        block.groupWithin = groupWithin
        block.reminderEvery = reminder
        block.webhook = WebhookDestination(url: "http://127.0.0.1:9/hook")
        return AlertRouting(suite: block)
    }

    static func key(_ check: String, _ environment: String = "green") -> TargetKey { TargetKey(suite: "shop", check: check, environment: environment) }
    static let twelve = (1...12).map { key("check\($0)") } + (1...12).map { key("check\($0)", "blue") }

    /// A probe at `seconds` after the start.
    static func probe(_ key: TargetKey, _ seconds: Double, _ passed: Bool) -> AlertStateMachine.Probe {
        var figures = TargetAlertFigures(key: key)
        if !passed {
            figures.reason = .status
            figures.message = "status: expected 200, got 503"
        }
        return AlertStateMachine.Probe(key: key, at: start.addingTimeInterval(seconds), passed: passed, figures: figures)
    }

    static func machine(_ routing: AlertRouting, restoring: [Incident] = []) -> AlertStateMachine {
        var machine = AlertStateMachine(routing: routing, redactor: Redactor(), restoring: restoring)
        _ = machine.configure(routing: routing, redactor: Redactor(), targets: twelve, at: start)
        return machine
    }

    /// Feeds `pattern` (F fail, P pass) one probe a second to `key`, returning every action.
    static func feed(_ machine: inout AlertStateMachine, _ key: TargetKey, _ pattern: String, from: Double = 0) -> [AlertStateMachine.Action] {
        pattern.enumerated().flatMap { index, symbol in machine.receive(probe(key, from + Double(index), symbol == "P")) }
    }

    @Test func aFlapShorterThanTheThresholdsSendsNothing() {
        var machine = Self.machine(Self.routing(failure: 3, success: 2, groupWithin: .zero))
        let health = Self.key("check1")
        // Never three failures in a row: the fixture flaps between a 503 and a 200.
        #expect(Self.feed(&machine, health, "FFPFFPFPFFPPFF").isEmpty)
        #expect(machine.openIncidents.isEmpty)
    }

    @Test func hysteresisBothWays() throws {
        var machine = Self.machine(Self.routing(failure: 3, success: 2, groupWithin: .zero))
        let health = Self.key("check1")
        #expect(Self.feed(&machine, health, "PFF").isEmpty)
        let opened = Self.feed(&machine, health, "F", from: 3)
        #expect(opened.map(\.change) == [.opened])
        #expect(opened.first?.message.kind == .failing)
        #expect(opened.first?.message.title == "green: shop/check1 failing (1 of 12 checks)")
        #expect(opened.first?.incident.dedupKey == "smokegate/serve/green")
        // One pass, then a failure: not recovered; still the same incident, nothing sent.
        #expect(Self.feed(&machine, health, "PFP", from: 4).isEmpty)
        let resolved = Self.feed(&machine, health, "P", from: 7)
        #expect(resolved.map(\.change) == [.resolved])
        #expect(resolved.first?.message.kind == .resolved)
        #expect(resolved.first?.incident.dedupKey == opened.first?.incident.dedupKey)
        #expect(resolved.first?.message.title == "green: recovered after 4s: shop/check1")
        #expect(machine.openIncidents.isEmpty)
    }

    @Test func targetsFailingWithinTheSpanMakeOneMessage() throws {
        var machine = Self.machine(Self.routing(failure: 1, success: 1, groupWithin: .seconds(30)))
        var actions: [AlertStateMachine.Action] = []
        for (index, check) in ["check1", "check2", "check3", "check4", "check5"].enumerated() {
            actions += machine.receive(Self.probe(Self.key(check), Double(index * 5), false))
        }
        #expect(actions.isEmpty, "nothing before the span has passed")
        actions = machine.tick(at: Self.start.addingTimeInterval(30))
        #expect(actions.count == 1)
        let message = try #require(actions.first?.message)
        #expect(message.title == "green: 5 of 12 checks failing")
        #expect(message.targets.map(\.check) == ["check1", "check2", "check3", "check4", "check5"])
        #expect(message.failing == 5 && message.total == 12)

        // A sixth, later: one `more` message for the same incident after its own span.
        #expect(machine.receive(Self.probe(Self.key("check6"), 40, false)).isEmpty)
        let more = machine.tick(at: Self.start.addingTimeInterval(70))
        #expect(more.map(\.message.kind) == [.more])
        #expect(more.first?.message.title == "green: 6 of 12 checks failing, 1 more")
        #expect(more.first?.incident.dedupKey == actions.first?.incident.dedupKey)
        #expect(more.first?.incident.targets.count == 6)

        // Another environment is another incident.
        let blue = machine.receive(Self.probe(Self.key("check1", "blue"), 80, false)) + machine.tick(at: Self.start.addingTimeInterval(110))
        #expect(blue.map(\.change) == [.opened])
        #expect(blue.first?.incident.dedupKey == "smokegate/serve/blue")

        // Green resolves only when all six have recovered.
        var resolved: [AlertStateMachine.Action] = []
        for index in 1...6 { resolved += machine.receive(Self.probe(Self.key("check\(index)"), 120 + Double(index), true)) }
        #expect(resolved.map(\.change) == [.resolved])
        #expect(resolved.first?.message.title == "green: recovered after 1m36s, all 6 checks")
    }

    @Test func aTargetThatRecoversBeforeTheGroupIsSentIsLeftOut() {
        var machine = Self.machine(Self.routing(failure: 1, success: 1, groupWithin: .seconds(30)))
        _ = machine.receive(Self.probe(Self.key("check1"), 0, false))
        _ = machine.receive(Self.probe(Self.key("check2"), 1, false))
        _ = machine.receive(Self.probe(Self.key("check2"), 2, true))
        let actions = machine.tick(at: Self.start.addingTimeInterval(30))
        #expect(actions.first?.message.targets.map(\.check) == ["check1"])
        // Both recovering before the span: nothing at all.
        var quiet = Self.machine(Self.routing(failure: 1, success: 1, groupWithin: .seconds(30)))
        _ = quiet.receive(Self.probe(Self.key("check1"), 0, false))
        _ = quiet.receive(Self.probe(Self.key("check1"), 1, true))
        #expect(quiet.tick(at: Self.start.addingTimeInterval(60)).isEmpty)
    }

    @Test func remindersWhileOpen() {
        var machine = Self.machine(Self.routing(failure: 1, success: 1, groupWithin: .zero, reminder: .seconds(600)))
        let opened = machine.receive(Self.probe(Self.key("check1"), 0, false))
        #expect(opened.map(\.change) == [.opened])
        #expect(machine.tick(at: Self.start.addingTimeInterval(599)).isEmpty)
        let reminder = machine.tick(at: Self.start.addingTimeInterval(600))
        #expect(reminder.map(\.message.kind) == [.reminder])
        #expect(reminder.first?.message.title == "green: still failing after 10m00s: 1 of 12 checks")
        #expect(machine.tick(at: Self.start.addingTimeInterval(900)).isEmpty)
        #expect(machine.tick(at: Self.start.addingTimeInterval(1200)).map(\.message.kind) == [.reminder])
    }

    @Test func aRestoredIncidentIsNotTriggeredAgainAndResolvesWithItsKey() {
        let routing = Self.routing(failure: 2, success: 2, groupWithin: .zero)
        var first = Self.machine(routing)
        let opened = Self.feed(&first, Self.key("check1"), "FF")
        #expect(opened.map(\.change) == [.opened])
        let stored = first.openIncidents

        // A new process: the same incident comes back from the store.
        var second = Self.machine(routing, restoring: stored)
        #expect(Self.feed(&second, Self.key("check1"), "FFFFF", from: 100).isEmpty, "no second trigger")
        let resolved = Self.feed(&second, Self.key("check1"), "PP", from: 200)
        #expect(resolved.map(\.change) == [.resolved])
        #expect(resolved.first?.incident.dedupKey == opened.first?.incident.dedupKey)
        #expect(resolved.first?.incident.openedAt == opened.first?.incident.openedAt)
    }

    @Test func aCheckRoutedOnItsOwnAlertsAlone() {
        var routing = Self.routing(failure: 1, success: 1, groupWithin: .seconds(30))
        var own = AlertBlock(location: SourceLocation(file: "suite.yml", line: 9, column: 1))
        own.pagerDuty = PagerDutyDestination(routingKey: "k")
        routing.checks["shop/check2"] = own
        var machine = Self.machine(routing)
        _ = machine.receive(Self.probe(Self.key("check1"), 0, false))
        _ = machine.receive(Self.probe(Self.key("check2"), 1, false))
        let actions = machine.tick(at: Self.start.addingTimeInterval(31))
        #expect(Set(actions.map(\.incident.dedupKey)) == ["smokegate/serve/green", "smokegate/serve/green/shop/check2"])
        #expect(actions.first { $0.incident.dedupKey.hasSuffix("check2") }?.destinations.count == 2)
    }

    @Test func aTargetLeavingTheConfigurationResolvesItsIncident() {
        let routing = Self.routing(failure: 1, success: 1, groupWithin: .zero)
        var machine = Self.machine(routing)
        _ = machine.receive(Self.probe(Self.key("check1"), 0, false))
        let actions = machine.configure(routing: routing, redactor: Redactor(), targets: Array(Self.twelve.dropFirst()), at: Self.start.addingTimeInterval(10))
        #expect(actions.map(\.change) == [.resolved])
    }

    @Test func theTemplateWritesTheText() {
        var routing = Self.routing(failure: 1, success: 1, groupWithin: .zero)
        routing.suite?.template = AlertTemplate(byKind: [.failing: "{{environment}} down: {{checks}} ({{reason}}) {{failing}}/{{total}}"])
        var machine = Self.machine(routing)
        let actions = machine.receive(Self.probe(Self.key("check1"), 0, false))
        #expect(actions.first?.message.text == "green down: shop/check1 (status: expected 200, got 503) 1/12")
        let resolved = machine.receive(Self.probe(Self.key("check1"), 1, true))
        #expect(resolved.first?.message.text == "Recovered: shop/check1", "a kind without its own text keeps the built-in one")
    }

    @Test func secretsInFiguresAreMasked() {
        let routing = Self.routing(failure: 1, success: 1, groupWithin: .zero)
        var machine = AlertStateMachine(routing: routing, redactor: Redactor(secrets: ["planted-7781"]))
        var probe = Self.probe(Self.key("check1"), 0, false)
        probe.figures.message = "body: expected \"ok\", got \"token=planted-7781\""
        let actions = machine.receive(probe)
        let message = actions.first?.message
        #expect(message?.text.contains("planted-7781") == false)
        #expect(message?.targets.first?.message == "body: expected \"ok\", got \"token=***\"")
    }
}
