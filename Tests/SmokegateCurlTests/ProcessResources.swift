import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// How many TCP sockets this process holds whose peer port is `port`: the client ends of its
/// connections to a server on that port, whatever other tests running in parallel hold open.
func openClientSockets(toPort port: Int) -> Int {
    let inodes = ownSocketInodes()
    var count = 0
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        // /proc files report a size of 0 and are generated as they are read: read to EOF, not by size.
        guard let file = FileHandle(forReadingAtPath: table) else { continue }
        let text = String(decoding: file.readDataToEndOfFile(), as: UTF8.self)
        try? file.close()
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count > 9, let remotePort = fields[2].split(separator: ":").last,
                  Int(remotePort, radix: 16) == port, inodes.contains(String(fields[9]))
            else { continue }
            count += 1
        }
    }
    return count
}

/// The inode numbers of the sockets among this process's file descriptors.
private func ownSocketInodes() -> Set<String> {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return [] }
    var inodes: Set<String> = []
    for name in names {
        guard let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(name)"),
              link.hasPrefix("socket:[")
        else { continue }
        inodes.insert(String(link.dropFirst("socket:[".count).dropLast()))
    }
    return inodes
}

/// User plus system CPU time this process has used so far.
func processCPUTime() -> Duration {
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    func duration(_ time: timeval) -> Duration {
        .seconds(Int64(time.tv_sec)) + .microseconds(Int64(time.tv_usec))
    }
    return duration(usage.ru_utime) + duration(usage.ru_stime)
}
