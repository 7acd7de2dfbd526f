import SmokegateModel

/// A run's memory of chained checks: how each sample ended and what it captured, so a dependant's sample starts
/// only after the sample it waits for, from its values and cookies, or is not run when that one failed.
///
/// Sample *k* of a dependant waits for sample min(*k*, *n* − 1) of each check it depends on (*n* being that check's
/// samples in the environment): the same index when both take as many samples, the last one when the dependant
/// takes more (a login once, then twenty calls with its token).
struct ChainLedger {
    /// How a sample that others may wait for ended.
    enum Outcome {
        case passed(ChainOutput)
        case failed
        case notRun
    }

    /// Whether a job can start.
    enum Readiness {
        case ready(ChainInput)
        case waiting
        case blocked(BlockedProbe)
    }

    struct Key: Hashable {
        var check: Int
        var environment: String
        var sample: Int
    }

    let suite: Suite
    /// Every job the run plans: a dependency that is not among them will never finish.
    let planned: Set<Key>
    /// The checks others wait for.
    let awaited: Set<Int>
    private var outcomes: [Key: Outcome] = [:]
    /// Every captured value to mask, as captured so far.
    private(set) var redactor: Redactor

    init(suite: Suite, jobs: [ProbeJob]) {
        self.suite = suite
        self.planned = Set(jobs.map { Key(check: $0.check, environment: $0.environment, sample: $0.sample) })
        self.redactor = suite.redactor
        self.awaited = Set(suite.checks.flatMap { $0.dependencies.map(\.check) })
    }

    func readiness(of job: ProbeJob) -> Readiness {
        var input = ChainInput()
        input.handsOn = awaited.contains(job.check)
        for dependency in suite.checks[job.check].dependencies {
            let samples = suite.checks[dependency.check].definitions[job.environment]?.samples ?? 0
            let key = Key(check: dependency.check, environment: job.environment, sample: min(job.sample, max(0, samples - 1)))
            let blocked = { (failed: Bool) in
                Readiness.blocked(BlockedProbe(check: job.check, environment: job.environment, sample: job.sample,
                                               dependency: dependency, dependencyFailed: failed))
            }
            switch outcomes[key] {
            case .passed(let output)?:
                input.values.merge(output.values) { $1 }
                input.cookies += output.cookies
            case .failed?:
                return blocked(true)
            case .notRun?:
                return blocked(false)
            case nil:
                guard samples > 0, planned.contains(key) else { return blocked(false) }
                return .waiting
            }
        }
        return .ready(input)
    }

    /// Records a finished sample and what it handed on.
    mutating func record(_ sample: Sample, output: ChainOutput) {
        let key = Key(check: sample.check, environment: sample.environment, sample: sample.index)
        outcomes[key] = sample.passed ? .passed(output) : .failed
        for secret in output.secrets { redactor.add(secret) }
    }

    /// Records a job that was not run.
    mutating func record(_ blocked: BlockedProbe) {
        outcomes[Key(check: blocked.check, environment: blocked.environment, sample: blocked.sample)] = .notRun
    }
}
