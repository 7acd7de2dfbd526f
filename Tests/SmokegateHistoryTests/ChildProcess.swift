import Foundation

/// A child process started with posix_spawn and reaped with waitpid.
///
/// Not Foundation's `Process`: with several tests starting processes from several threads at once, its
/// `waitUntilExit()` sometimes never returns although the child has exited (left a zombie), which hung the suite.
/// Every blocking call here belongs on a thread of its own (``offThread(_:)``).
struct ChildProcess: Sendable {
    private static let spawnLock = NSLock()
    let pid: pid_t
    /// The read end of the child's standard output, when captured.
    let outputDescriptor: Int32?

    /// Starts `executable` with `arguments`; standard output to a pipe (`captureOutput`) or /dev/null, standard
    /// error inherited.
    static func spawn(_ executable: String, _ arguments: [String], captureOutput: Bool) throws -> ChildProcess {
        spawnLock.lock()
        defer { spawnLock.unlock() }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var pipeEnds: [Int32] = [-1, -1]
        if captureOutput {
            // Close-on-exec, so a child another test starts later cannot inherit the write end and keep the pipe
            // open after this child has exited (dup2 onto descriptor 1 clears the flag for this child). Glibc's pipe2
            // is not visible to Swift, so `spawnLock` keeps other spawns out until the flag is set.
            guard pipe(&pipeEnds) == 0 else { throw HistoryTestError("pipe failed: errno \(errno)") }
            _ = fcntl(pipeEnds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(pipeEnds[1], F_SETFD, FD_CLOEXEC)
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
            posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
            posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        if captureOutput { close(pipeEnds[1]) }
        guard status == 0 else {
            if captureOutput { close(pipeEnds[0]) }
            throw HistoryTestError("could not start \(executable): error \(status)")
        }
        return ChildProcess(pid: pid, outputDescriptor: captureOutput ? pipeEnds[0] : nil)
    }

    /// Waits for the child to end: its exit status, or the signal that ended it.
    func wait() -> (status: Int32, signal: Int32?) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let signal = status & 0x7F
        return signal == 0 ? ((status >> 8) & 0xFF, nil) : (-1, signal)
    }

    /// Everything the child writes to standard output until it closes it.
    func readAllOutput() -> String {
        var reader = LineReader(self)
        var text = ""
        while let line = reader.next() {
            text += line + "\n"
        }
        closeOutput()
        return text
    }

    /// Closes this end of the output pipe.
    func closeOutput() {
        if let outputDescriptor { close(outputDescriptor) }
    }
}

/// Reads a child's standard output line by line, as it comes (blocking).
struct LineReader {
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    init(_ child: ChildProcess) {
        descriptor = child.outputDescriptor ?? -1
    }

    /// The next complete line, or nil at the end of the output.
    mutating func next() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = read(descriptor, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return nil }
            buffer += chunk[..<count]
        }
    }
}
