import Foundation
@testable import SmokegateHistory
import SmokegateHistoryFixtures
import Testing

@Suite struct HistoryWriteBufferTests {
    /// Waits for `condition`, checking every 50 ms, up to `limit`: for a background flush to catch up.
    private func eventually(within limit: Duration, _ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return await condition()
    }

    @Test func writesQueueWhilePostgreSQLIsDownAndLandWhenItIsBack() async throws {
        try await ThrowawayPostgres.with { server in
            // The default operation timeout (20 s): a fresh cluster's first connection and migration took over 7 s
            // while the other history tests loaded the machine, and opening is not what this test is about.
            let store = try await HistoryStore.open(server.location, options: HistoryStoreOptions())
            let buffer = HistoryWriteBuffer(store: store, capacity: 100, initialBackoff: .milliseconds(100), maximumBackoff: .seconds(1))
            let first = SyntheticHistory.run(id: UUID())
            await buffer.submit(.run(first))
            #expect(await buffer.flush())

            try await server.stop()
            let runs = (0..<10).map { _ in SyntheticHistory.run(id: UUID()) }
            for run in runs { await buffer.submit(.run(run)) }
            let started = ContinuousClock.now
            #expect(await buffer.flush() == false)
            // A stopped server refuses at once; at worst bounded by the 2 s connect timeout plus the 20 s operation
            // timeout, with room for a loaded machine. A flush that waited for the server would never return.
            #expect(ContinuousClock.now - started < .seconds(40))
            let down = await buffer.statistics
            #expect(down.pending == 10)
            #expect(down.written == 1)
            #expect(down.lastError?.reason == .unreachable, "\(String(describing: down.lastError))")

            try await server.start()
            let flusher = Task { await buffer.run() }
            let caughtUp = await eventually(within: .seconds(90)) { await buffer.statistics.pending == 0 }
            let afterRestart = await buffer.statistics
            #expect(caughtUp, "\(afterRestart)")
            flusher.cancel()
            _ = await flusher.value
            let up = await buffer.statistics
            #expect(up.written == 11 && up.dropped == 0 && up.rejected == 0 && up.lastError == nil)
            let stored = Set(try await store.runs().map(\.id))
            #expect(stored == Set([first.id] + runs.map(\.id)))
            let problems = try await HistoryIntegrity.problems(in: store)
            #expect(problems == [])
            await store.close()
        }
    }

    @Test func pastItsCapacityTheBufferDropsTheOldestAndCountsThem() async throws {
        try await ThrowawayPostgres.with { server in
            let store = try await HistoryStore.open(server.location, options: HistoryStoreOptions())
            try await server.stop()
            let buffer = HistoryWriteBuffer(store: store, capacity: 5)
            let runs = (0..<8).map { _ in SyntheticHistory.run(id: UUID()) }
            for run in runs { await buffer.submit(.run(run)) }
            #expect(await buffer.statistics.pending == 5)
            #expect(await buffer.statistics.dropped == 3)
            try await server.start()
            #expect(await eventually(within: .seconds(90)) { await buffer.flush() })
            #expect(Set(try await store.runs().map(\.id)) == Set(runs.suffix(5).map(\.id)))
            await store.close()
        }
    }

    @Test func aWriteTheDatabaseRefusesIsDroppedAndTheRestGoOn() async throws {
        try await withTestDatabase(.sqlite) { database in
            let store = try await database.open()
            let buffer = HistoryWriteBuffer(store: store)
            let good = SyntheticHistory.run(id: UUID())
            await buffer.submit(.rollback(RollbackRecord(deploymentID: UUID(), trigger: "t", type: .traffic, triggeredAt: Date())))
            await buffer.submit(.run(good))
            #expect(await buffer.flush())
            let statistics = await buffer.statistics
            #expect(statistics.rejected == 1 && statistics.written == 1 && statistics.pending == 0)
            #expect(try await store.runs().map(\.id) == [good.id])
            await store.close()
        }
    }

    @Test func aFullDiskHoldsWritesBackUntilThereIsRoom() async throws {
        try await SmallDisk.with(kilobytes: 600) { disk in
            let store = try await HistoryStore.open(disk.path + "/history.sqlite")
            let buffer = HistoryWriteBuffer(store: store)
            var submitted: [UUID] = []
            // Write until the disk is full (a few hundred kilobytes of runs).
            while submitted.count < 2_000 {
                let run = SyntheticHistory.run(id: UUID())
                submitted.append(run.id)
                await buffer.submit(.run(run))
                if await buffer.flush() == false { break }
            }
            let full = await buffer.statistics
            #expect(full.lastError?.reason == .full, "\(String(describing: full.lastError))")
            #expect(full.lastError?.isRetryable == true)
            #expect(full.pending == 1)
            #expect(try await store.integrityProblems() == [])

            try await disk.remount("size=64m")
            #expect(await buffer.flush())
            #expect(Set(try await store.runs().map(\.id)) == Set(submitted))
            let problems = try await HistoryIntegrity.problems(in: store)
            #expect(problems == [])
            await store.close()
        }
    }

    @Test func aDiskTurnedReadOnlyFailsRetryablyUntilItIsWritableAgain() async throws {
        try await SmallDisk.with(kilobytes: 16_384) { disk in
            let location = disk.path + "/history.sqlite"
            let before = SyntheticHistory.run(id: UUID())
            let first = try await HistoryStore.open(location)
            try await first.record(before)
            await first.close()
            // Linux will not make a file system read-only while a file on it is open for writing, so the disk
            // turns read-only between two runs, as a remounted or full-of-errors volume would.
            try await disk.remount("ro")
            let during = SyntheticHistory.run(id: UUID())
            do {
                let store = try await HistoryStore.open(location)
                try await store.record(during)
                await store.close()
                Issue.record("wrote to a read-only disk")
            } catch let error as HistoryError {
                #expect([HistoryError.Reason.readOnly, .unreachable].contains(error.reason), "\(error)")
                #expect(error.isRetryable)
                #expect(error.message.contains(location), "\(error.message)")
            }

            try await disk.remount("rw")
            let store = try await HistoryStore.open(location)
            #expect(try await store.record(during))
            #expect(Set(try await store.runs().map(\.id)) == [before.id, during.id])
            let problems = try await HistoryIntegrity.problems(in: store)
            #expect(problems == [])
            await store.close()
        }
    }
}
