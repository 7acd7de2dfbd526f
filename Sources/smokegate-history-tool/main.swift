import Foundation
import SmokegateHistory
import SmokegateHistoryFixtures

// Helper processes for the history tests and measurements (not shipped):
//   write-runs LOCATION COUNT            COUNT synthetic runs, one transaction each; prints "wrote COUNT"
//   write-forever LOCATION               synthetic runs until killed; prints each id once committed
//   measure LOCATION TARGETS DAYS RUNS   database size for TARGETS serve targets × DAYS of hourly rollups
//                                        (plus windows), and the median time to record RUNS 30 × 2 runs
// Exit status 1 with the error on standard error when anything fails.

@MainActor
func main() async -> Int32 {
    let arguments = Array(CommandLine.arguments.dropFirst())
    do {
        switch arguments.first {
        case "write-runs" where arguments.count == 3:
            guard let count = Int(arguments[2]) else { return usage() }
            let store = try await HistoryStore.open(arguments[1], options: .generousForTests)
            do {
                for _ in 0..<count {
                    try await store.record(SyntheticHistory.run(id: UUID()))
                }
            } catch {
                await store.close()
                throw error
            }
            await store.close()
            print("wrote \(count)")
        case "write-forever" where arguments.count == 2:
            let store = try await HistoryStore.open(arguments[1], options: .generousForTests)
            while true {
                let id = UUID()
                try await store.record(SyntheticHistory.run(id: id))
                // Unbuffered: the test reads each id as soon as its transaction has committed.
                FileHandle.standardOutput.write(Data((id.uuidString + "\n").utf8))
            }
        case "measure" where arguments.count == 5:
            guard let targets = Int(arguments[2]), let days = Int(arguments[3]), let runs = Int(arguments[4]) else { return usage() }
            try await HistoryMeasurement(location: arguments[1], targets: targets, days: days, runs: runs).perform()
        default:
            return usage()
        }
        return 0
    } catch {
        FileHandle.standardError.write(Data("smokegate-history-tool: \(error)\n".utf8))
        return 1
    }
}

func usage() -> Int32 {
    FileHandle.standardError.write(Data("usage: smokegate-history-tool write-runs LOCATION COUNT | write-forever LOCATION | measure LOCATION TARGETS DAYS RUNS\n".utf8))
    return 2
}

exit(await main())
