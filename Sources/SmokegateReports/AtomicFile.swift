import Foundation
import SmokegateModel

/// Writes files so a reader never sees half of one: a temporary file in the same directory, then a rename.
///
/// Plain POSIX calls rather than Foundation's, so a failure reads as the system says it ("Not a directory",
/// "Permission denied") with the path it concerns, not as a Cocoa error number.
public enum AtomicFile {
    /// Why a report file or its directory could not be written, in words, naming the path.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String

        public var description: String { "\(path): \(reason)" }

        static func errno(_ path: String) -> WriteError { WriteError(path: path, reason: SystemError.describe(Glibc.errno)) }
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let url = URL(fileURLWithPath: path)
        try createDirectory(url.deletingLastPathComponent().path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .errno(path) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in Glibc.write(descriptor, buffer.baseAddress! + written, bytes.count - written) }
            if count < 0, Glibc.errno == EINTR { continue }
            guard count > 0 else {
                let error = WriteError.errno(path)
                close(descriptor)
                unlink(temporary)
                throw error
            }
            written += count
        }
        guard close(descriptor) == 0, rename(temporary, path) == 0 else {
            let error = WriteError.errno(path)
            unlink(temporary)
            throw error
        }
    }

    /// `mkdir -p`, naming the first component that is not a directory or cannot be made.
    public static func createDirectory(_ path: String) throws(WriteError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw WriteError(path: path, reason: "exists and is not a directory") }
            return
        }
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if parent != path, !parent.isEmpty { try createDirectory(parent) }
        guard mkdir(path, 0o755) == 0 || Glibc.errno == EEXIST else { throw .errno(path) }
    }
}
