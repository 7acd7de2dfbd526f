import Foundation
@testable import SmokegateHistory
import SmokegateHistoryFixtures
import Testing

@Suite struct HistoryConcurrencyTests {
    @Test(arguments: TestDatabase.Kind.allCases)
    func fourProcessesAndFourTasksWriteFiftyRunsEachAndNothingIsLost(kind: TestDatabase.Kind) async throws {
        try await withTestDatabase(kind) { database in
            let store = try await database.open()
            let processes = Task {
                try await withThrowingTaskGroup(of: (status: Int32, output: String).self) { group in
                    for _ in 0..<4 {
                        group.addTask { try await HistoryTool.run(["write-runs", database.location, "50"]) }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
            }
            let written = try await withThrowingTaskGroup(of: [UUID].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        var ids: [UUID] = []
                        for _ in 0..<50 {
                            let id = UUID()
                            let inserted = try await store.record(SyntheticHistory.run(id: id))
                            #expect(inserted)
                            ids.append(id)
                        }
                        return ids
                    }
                }
                return try await group.reduce(into: [UUID]()) { $0 += $1 }
            }
            for outcome in try await processes.value {
                #expect(outcome.status == 0, "a writer process failed (its error is on standard error)")
                #expect(outcome.output == "wrote 50\n")
            }
            #expect(try await store.count("smokegate_runs") == 400)
            let stored = Set(try await store.runs().map(\.id))
            #expect(Set(written).isSubset(of: stored))
            let problems = try await HistoryIntegrity.problems(in: store)
            #expect(problems == [])
            await store.close()
        }
    }

    @Test(arguments: TestDatabase.Kind.allCases)
    func aWriterKilledMidWriteLeavesEveryRunWholeOrAbsent(kind: TestDatabase.Kind) async throws {
        try await withTestDatabase(kind) { database in
            var committed: [UUID] = []
            for round in 0..<6 {
                // Let it commit a few runs, then kill it at a random moment, most likely inside a transaction.
                let commits = Int.random(in: 1...15)
                let delay = useconds_t.random(in: 0...20_000)
                let outcome = try await offThread {
                    let writer = try HistoryTool.start(["write-forever", database.location])
                    var reader = LineReader(writer)
                    var ids: [String] = []
                    while ids.count < commits, let line = reader.next() {
                        ids.append(line)
                    }
                    usleep(delay)
                    kill(writer.pid, SIGKILL)
                    let ended = writer.wait()
                    while let line = reader.next() {
                        ids.append(line)
                    }
                    writer.closeOutput()
                    return (ids: ids, killed: ended.signal == SIGKILL)
                }
                #expect(outcome.killed, "round \(round): the writer ended by itself")
                committed += outcome.ids.compactMap(UUID.init(uuidString:))
            }
            let store = try await database.open()
            let problems = try await HistoryIntegrity.problems(in: store)
            #expect(problems == [])
            let stored = Set(try await store.runs().map(\.id))
            let lost = committed.filter { !stored.contains($0) }
            #expect(lost.isEmpty, "runs reported committed but missing: \(lost)")
            #expect(committed.count >= 6)
            await store.close()
        }
    }

    @Test func aWriterHeldUpPastTheBusyTimeoutGetsARetryableBusyError() async throws {
        try await withTestDatabase(.sqlite) { database in
            let holder = try await database.open()
            let waiter = try await database.open(options: HistoryStoreOptions(busyTimeout: .milliseconds(300)))
            // The holder keeps SQLite's write lock for 3 s; the waiter gives up after its 300 ms.
            let holding = Task {
                try await holder.writing("hold the lock") { database, _ in
                    try await database.raw("INSERT INTO smokegate_schema_migrations (version, name, applied_at) VALUES (99, 'lock', 'x')").run()
                    try await Task.sleep(for: .seconds(3))
                    throw CancellationError()
                }
            }
            // Give the holder time to take the lock: wait until a reader sees it as locked.
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(30)
            var error: HistoryError?
            while error == nil, clock.now < deadline {
                do {
                    try await waiter.record(SyntheticHistory.run(id: UUID()))
                } catch let failure as HistoryError {
                    error = failure
                }
            }
            #expect(error?.reason == .busy, "\(String(describing: error))")
            #expect(error?.isRetryable == true)
            _ = await holding.result
            #expect(try await waiter.record(SyntheticHistory.run(id: UUID())))
            await holder.close()
            await waiter.close()
        }
    }
}
