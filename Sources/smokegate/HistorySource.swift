import ArgumentParser
import Foundation
import SmokegateHistory
import SmokegateRecording
import SmokegateVocabulary

/// `--history` and `--json` for the `history` subcommands.
struct HistorySource: ParsableArguments {
    @Option(help: ArgumentHelp("The history to read: a file path (SQLite) or a postgres:// URL; default $SMOKEGATE_HISTORY.", valueName: "location"))
    var history: String?

    @Flag(help: "JSON for scripts instead of a table.")
    var json = false

    func validate() throws {
        _ = try historyLocation(history)
    }

    /// Writes `text` or, with `--json`, `value` as JSON to standard output.
    func show(_ text: String, json value: some Encodable) throws {
        fflush(nil)
        FileHandle.standardOutput.write(json ? try HistoryTables.json(value) : Data(text.utf8))
    }
}

/// The history given by `--history` or `SMOKEGATE_HISTORY`; a usage error without either.
func historyLocation(_ option: String?) throws -> HistoryLocation {
    guard let text = option ?? ProcessInfo.processInfo.environment["SMOKEGATE_HISTORY"].flatMap({ $0.isEmpty ? nil : $0 }) else {
        throw ValidationError("give the history with --history LOCATION or SMOKEGATE_HISTORY")
    }
    do { return try HistoryLocation(parsing: text) } catch let error as HistoryError { throw ValidationError("--history: \(error.message)") }
}

/// Opens the store at `option`, runs `body`, closes it; a store failure is one line on standard error and exit
/// status 2, like any error that stops a command before it could answer.
func withHistoryStore(_ option: String?, _ body: (HistoryStore) async throws -> Void) async throws {
    let location = try historyLocation(option)
    // Reading a history that is not there is a mistake (a typo in the path), not a reason to create an empty one.
    if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
        throw ValidationError("--history: no history at \(path): give the file run, watch or serve recorded into")
    }
    do {
        let store = try await HistoryStore.open(location)
        do {
            try await body(store)
            await store.close()
        } catch {
            await store.close()
            throw error
        }
    } catch let error as HistoryError {
        FileHandle.standardError.write(Data("smokegate history: \(error)\n".utf8))
        throw ExitCode(ExitStatus.usage.code)
    }
}

/// Reads `--since`-style options as the start of the period they name.
func historyPeriodStart(_ text: String, option: String) throws -> Date {
    do { return HistorySpan.start(of: try HistorySpan.parse(text, option: option)) } catch let error as RecordingError { throw ValidationError(error.message) }
}
