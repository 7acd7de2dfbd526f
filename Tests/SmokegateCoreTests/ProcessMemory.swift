import Foundation

/// This process's resident memory as Linux reports it in /proc/self/status, in bytes.
struct ProcessMemory {
    /// VmRSS: resident now.
    let resident: Int
    /// VmHWM: the most resident since the process started, or since `resetPeak()`.
    let peak: Int

    /// Reads /proc/self/status; `nil` where there is none (not Linux).
    static func current() -> ProcessMemory? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        func kilobytes(_ field: String) -> Int? {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return nil }
            return line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) }
        }
        guard let resident = kilobytes("VmRSS"), let peak = kilobytes("VmHWM") else { return nil }
        return ProcessMemory(resident: resident * 1024, peak: peak * 1024)
    }

    /// Sets VmHWM back to VmRSS (writing 5 to /proc/self/clear_refs), so the next peak is the next operation's.
    /// Returns false where the kernel does not allow it.
    static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do {
            try handle.write(contentsOf: Data("5".utf8))
            return true
        } catch {
            return false
        }
    }
}
