import Foundation
import Testing

/// A PostgreSQL server of the test's own, on a temporary directory and a free loopback port, which the test can
/// stop and start again (as scripts/with-test-services does: as root the cluster belongs to `postgres`).
final class ThrowawayPostgres: Sendable {
    let directory: URL
    let port: Int
    private let binaries: URL

    var location: String { "postgres://postgres@127.0.0.1:\(port)/postgres?sslmode=disable&connect_timeout=2" }

    private init(binaries: URL) throws {
        self.binaries = binaries
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("smokegate-pg-\(UUID().uuidString.prefix(8))")
        port = try closedLoopbackPort()
    }

    /// Runs `body` with a started server, removed afterwards. No PostgreSQL installed: recorded as a failure with
    /// `SMOKEGATE_REQUIRE_SERVICES=1`, otherwise printed, and `body` does not run.
    static func with(sourceLocation: SourceLocation = #_sourceLocation, _ body: (ThrowawayPostgres) async throws -> Void) async throws {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let newest = versions.compactMap(Int.init).max() else {
            let reason = "no PostgreSQL server under /usr/lib/postgresql: install postgresql (make test-deps does)"
            if ProcessInfo.processInfo.environment["SMOKEGATE_REQUIRE_SERVICES"] == "1" {
                Issue.record(Comment(rawValue: reason + " (SMOKEGATE_REQUIRE_SERVICES=1)"), sourceLocation: sourceLocation)
            } else {
                print("skipped: \(reason)")
            }
            return
        }
        let server = try ThrowawayPostgres(binaries: URL(fileURLWithPath: "/usr/lib/postgresql/\(newest)/bin"))
        do {
            try await server.create()
            try await body(server)
        } catch {
            await server.destroy()
            throw error
        }
        await server.destroy()
    }

    private func create() async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if getuid() == 0 {
            try await runCommand("/bin/chown", ["postgres:", directory.path])
        }
        try await runAsOwner("initdb", ["-D", directory.appendingPathComponent("data").path, "-U", "postgres", "-E", "UTF8", "--locale=C",
                                        "--auth-local=trust", "--auth-host=trust", "--no-sync", "--no-instructions"])
        try await start()
    }

    func start() async throws {
        try await runAsOwner("pg_ctl", [
            "-D", directory.appendingPathComponent("data").path, "-l", directory.appendingPathComponent("log").path, "-w", "-t", "60", "-s",
            "-o", "-p \(port) -k \(directory.path) -c listen_addresses=127.0.0.1 -c fsync=off", "start",
        ])
    }

    func stop() async throws {
        try await runAsOwner("pg_ctl", ["-D", directory.appendingPathComponent("data").path, "-m", "fast", "-w", "-s", "stop"])
    }

    private func destroy() async {
        try? await runAsOwner("pg_ctl", ["-D", directory.appendingPathComponent("data").path, "-m", "immediate", "-s", "stop"])
        try? FileManager.default.removeItem(at: directory)
    }

    private func runAsOwner(_ tool: String, _ arguments: [String]) async throws {
        let path = binaries.appendingPathComponent(tool).path
        if getuid() == 0 {
            try await runCommand("/usr/sbin/runuser", ["-u", "postgres", "--", path] + arguments)
        } else {
            try await runCommand(path, arguments)
        }
    }
}

/// A small tmpfs of the test's own, which it can fill, grow or make read-only: a disk that fails on cue.
/// Needs root to mount (CI and the developer machines run as root).
final class SmallDisk: Sendable {
    let path: String

    private init(path: String) {
        self.path = path
    }

    /// Runs `body` with a mounted disk of `kilobytes`, unmounted afterwards. When mounting is not allowed the
    /// reason is printed and `body` does not run.
    static func with(kilobytes: Int, _ body: (SmallDisk) async throws -> Void) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("smokegate-disk-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        do {
            try await runCommand("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path])
        } catch {
            print("skipped: cannot mount a tmpfs to simulate a full or read-only disk (\(error)); needs root")
            try? FileManager.default.removeItem(atPath: path)
            return
        }
        let disk = SmallDisk(path: path)
        do {
            try await body(disk)
        } catch {
            await disk.destroy()
            throw error
        }
        await disk.destroy()
    }

    func remount(_ options: String) async throws {
        try await runCommand("/usr/bin/mount", ["-o", "remount,\(options)", path])
    }

    private func destroy() async {
        try? await runCommand("/usr/bin/umount", ["-l", path])
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Runs a command to completion, off the shared threads; throws when it exits non-zero.
func runCommand(_ executable: String, _ arguments: [String]) async throws {
    let outcome = try await offThread {
        try ChildProcess.spawn(executable, arguments, captureOutput: false).wait()
    }
    guard outcome.status == 0 else {
        throw HistoryTestError("\(executable) \(arguments.joined(separator: " ")) exited \(outcome.status)")
    }
}

struct HistoryTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs blocking work (waiting for a process, reading its pipe, running a command) on a thread of its own, so it
/// never holds one of the few threads that every test's async code shares.
func offThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
