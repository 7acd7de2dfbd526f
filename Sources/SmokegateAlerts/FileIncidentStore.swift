import Foundation
import Synchronization

/// Incidents in a JSON file (serve's `STATE_DIR/incidents.json`): what makes a restarted `serve` take up the
/// incidents it left open instead of announcing them again. Small and bounded: the open incidents and the last
/// `resolvedKept` resolved ones. Its directory is made with the first incident. Each change rewrites the file atomically (a temporary file, then a rename), so a
/// process killed mid-write leaves the previous version.
public final class FileIncidentStore: IncidentStore {
    /// A file that cannot be read or written, with the path and the system's reason.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private let url: URL
    private let resolvedKept: Int
    /// The file's content, loaded once; calls come from one task at a time, the lock keeps it Sendable.
    private let incidents: Mutex<[Incident]?> = Mutex(nil)

    public init(path: String, resolvedKept: Int = 100) {
        url = URL(fileURLWithPath: path)
        self.resolvedKept = resolvedKept
    }

    public func openIncidents() async throws -> [Incident] {
        try loaded().openOldestFirst
    }

    public func open(_ incident: Incident) async throws {
        try change { list in
            list.removeAll { $0.dedupKey == incident.dedupKey }
            list.append(incident)
        }
    }

    public func update(_ incident: Incident) async throws {
        try change { list in
            if let index = list.firstIndex(where: { $0.dedupKey == incident.dedupKey }) { list[index] = incident } else { list.append(incident) }
        }
    }

    public func incident(dedupKey: String) async throws -> Incident? {
        try loaded().last { $0.dedupKey == dedupKey }
    }

    public func resolve(dedupKey: String, at: Date) async throws {
        let kept = resolvedKept
        try change { list in
            for index in list.indices where list[index].dedupKey == dedupKey && list[index].resolvedAt == nil { list[index].resolvedAt = at }
            // Only the newest resolved ones stay: the file must not grow with months of flapping.
            let resolved = list.filter { $0.resolvedAt != nil }
            if resolved.count > kept {
                let dropped = Set(resolved.sorted { ($0.resolvedAt ?? .distantPast) < ($1.resolvedAt ?? .distantPast) }.prefix(resolved.count - kept).map(\.dedupKey))
                list.removeAll { $0.resolvedAt != nil && dropped.contains($0.dedupKey) }
            }
        }
    }

    private func loaded() throws -> [Incident] {
        if let list = incidents.withLock({ $0 }) { return list }
        let list: [Incident]
        if FileManager.default.fileExists(atPath: url.path) {
            do {
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .iso8601
                list = try decoder.decode([Incident].self, from: Data(contentsOf: url))
            } catch {
                throw Failure(description: "cannot read the alert incidents in \(url.path): \(error.localizedDescription)")
            }
        } else {
            list = []
        }
        incidents.withLock { $0 = list }
        return list
    }

    private func change(_ body: (inout [Incident]) -> Void) throws {
        var list = try loaded()
        body(&list)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            // The directory appears with the first incident: a serve that never alerts leaves nothing behind.
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try encoder.encode(list).write(to: url, options: .atomic)
        } catch {
            throw Failure(description: "cannot write the alert incidents to \(url.path): \(error.localizedDescription)")
        }
        incidents.withLock { $0 = list }
    }
}
