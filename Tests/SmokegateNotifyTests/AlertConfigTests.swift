import SmokegateConfig
import SmokegateModel
import SmokegateTestSupport
import Testing

/// `alerts:` blocks read from YAML: every key, the suite → environment → check overrides, secrets masked, and
/// every mistake located.
@Suite struct AlertConfigTests {
    static let environment = ["SLACK_WEBHOOK": "https://hooks.slack.example/services/T0/B0/slacksecret1",
                              "PD_KEY": "pdroutingkey1234", "HOOK_SECRET": "hooksecret-xyz", "GREEN_SLACK": "https://hooks.slack.example/green-secret"]

    static let yaml = """
        alerts:
          on: [fail, rollback]
          failure_threshold: 2
          success_threshold: 3
          reminder_every: 30m
          group_within: 10s
          link: https://status.example.com/
          template:
            failing: "{{environment}}: {{failing}} of {{total}} failing ({{checks}})"
          slack: { webhook: "${env:SLACK_WEBHOOK}" }
          webhook:
            url: https://hooks.example.com/smokegate
            secret: "${env:HOOK_SECRET}"
            headers: { X-Team: sre }
          pagerduty: { routing_key: "${env:PD_KEY}", severity: error }
        environments:
          blue: { base_url: "https://blue.example.com" }
          green:
            base_url: "https://green.example.com"
            alerts:
              slack: { webhook: "${env:GREEN_SLACK}" }
              failure_threshold: 5
        checks:
          - name: health
            http: GET /health
          - name: payments
            http: GET /pay
            alerts:
              enabled: false
        """

    @Test func readsEveryKeyAndResolvesThePolicyPerTarget() async throws {
        let suite = try await TemporarySuite.load(Self.yaml, options: LoadOptions(processEnvironment: Self.environment))
        let blue = suite.alerts.policy(for: TargetKey(suite: "suite", check: "health", environment: "blue"))
        #expect(blue.on == [.fail, .rollback])
        #expect(blue.failureThreshold == 2)
        #expect(blue.successThreshold == 3)
        #expect(blue.reminderEvery == .seconds(1800))
        #expect(blue.groupWithin == .seconds(10))
        #expect(blue.link == "https://status.example.com/")
        #expect(blue.template.text(for: .failing) == "{{environment}}: {{failing}} of {{total}} failing ({{checks}})")
        #expect(blue.template.text(for: .resolved) == nil)
        #expect(blue.scope == "suite")
        #expect(blue.destinations == [
            .slack(SlackDestination(webhook: Self.environment["SLACK_WEBHOOK"] ?? "")),
            .webhook(WebhookDestination(url: "https://hooks.example.com/smokegate", secret: "hooksecret-xyz", headers: [HeaderField(name: "X-Team", value: "sre")])),
            .pagerDuty(PagerDutyDestination(routingKey: "pdroutingkey1234", severity: .error)),
        ])

        let green = suite.alerts.policy(for: TargetKey(suite: "suite", check: "health", environment: "green"))
        #expect(green.failureThreshold == 5)
        #expect(green.successThreshold == 3)
        #expect(green.scope == "environment green")
        #expect(green.destinations.first == .slack(SlackDestination(webhook: Self.environment["GREEN_SLACK"] ?? "")))
        #expect(green.destinations.count == 3, "the environment's Slack replaces the suite's; the webhook and PagerDuty stay")

        let payments = suite.alerts.policy(for: TargetKey(suite: "suite", check: "payments", environment: "blue"))
        #expect(!payments.enabled)
        #expect(!payments.sends)
    }

    @Test func providerCredentialsAreMaskedEverywhere() async throws {
        let suite = try await TemporarySuite.load(Self.yaml, options: LoadOptions(processEnvironment: Self.environment))
        for secret in Self.environment.values {
            #expect(suite.redactor.redact("said \(secret) out loud") == "said *** out loud", "\(secret)")
        }
    }

    @Test func aRoutingKeyWrittenInTheFileIsStillACredential() async throws {
        let suite = try await TemporarySuite.load("""
            alerts:
              pagerduty: { routing_key: literalkey0987 }
            checks:
              - { name: health, http: "GET https://example.com/" }
            """)
        #expect(suite.redactor.redact("literalkey0987") == "***")
    }

    @Test func noAlertsBlockSendsNothing() async throws {
        let suite = try await TemporarySuite.load("checks:\n  - { name: health, http: \"GET https://example.com/\" }\n")
        #expect(suite.alerts.isEmpty)
        #expect(!suite.alerts.policy(for: TargetKey(suite: "suite", check: "health", environment: "default")).sends)
    }

    @Test func mistakesAreLocated() async {
        let errors = await TemporarySuite.errors("""
            alerts:
              on: [fail, rolback]
              failure_threshold: 0
              reminder_every: 10ms
              template: "{{environment}} is {{stat}}"
              slack: { hook: x }
              webhook: { url: ftp://example.com }
              pagerduty: { routing_key: "${env:NOT_SET_ANYWHERE}", severity: loud }
              sms: yes
            checks:
              - { name: health, http: "GET https://example.com/" }
            """)
        #expect(errors.contains("2:14: unknown decision 'rolback' in alerts.on: use fail, rollback, hold"), "\(errors)")
        #expect(errors.contains("3:22: alerts.failure_threshold must be between 1 and 1000, found 0"), "\(errors)")
        #expect(errors.contains("4:19: alerts.reminder_every must be at least 1s, or 0s for no reminders, found '10ms'"), "\(errors)")
        #expect(errors.contains { $0.hasPrefix("5:33: unknown placeholder '{{stat}}' in alerts.template: use check, checks, decision,") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("6:12: unknown key 'hook' in alerts.slack") }, "\(errors)")
        #expect(errors.contains("6:10: alerts.slack needs 'webhook:', the incoming-webhook URL (e.g. webhook: \"${env:SLACK_WEBHOOK}\")"), "\(errors)")
        #expect(errors.contains("7:19: alerts.webhook.url must be an http:// or https:// URL, found 'ftp://example.com'"), "\(errors)")
        #expect(errors.contains { $0.hasPrefix("8:30: secret '${env:NOT_SET_ANYWHERE}' is not set") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("9:3: unknown key 'sms' in alerts") }, "\(errors)")
    }

    @Test func aSecondSuiteWideBlockIsAnError() async throws {
        let files = try TemporarySuite([
            "a.yml": "alerts: { on: [fail] }\nchecks:\n  - { name: a, http: \"GET https://example.com/\" }\n",
            "b.yml": "alerts: { on: [hold] }\nchecks:\n  - { name: b, http: \"GET https://example.com/\" }\n",
        ])
        defer { files.remove() }
        do {
            _ = try await SuiteLoader.load(paths: [files.directory.path], options: LoadOptions())
            Issue.record("two suite-wide alerts blocks loaded")
        } catch {
            #expect(error.errors.contains { $0.location?.line == 1 && $0.message.hasPrefix("alerts: is already defined at ") && $0.message.contains("a.yml:1:9") },
                    "\(error.errors)")
        }
    }
}
