import Yams

/// Finds every duplicated key of a document, where Yams stops at the first mapping that has one and names only its
/// first occurrence.
///
/// Each time composing fails on a duplicate, the key at the reported mark is made unique in the text (its first
/// character swapped for a private-use one of its own, so lines and columns stay the same and two renamed keys never
/// collide) and composing is tried again. Once
/// the document composes, every mapping that held a renamed key is searched for the occurrences of that key: each
/// after the first is reported where it stands, naming where the first is.
enum YAMLDuplicateKeys {
    /// The first of the private-use characters that stand in for renamed keys' first characters, one per key.
    private static let firstPlaceholder: UInt32 = 0xE100
    /// At most this many duplicates are resolved; a document with more is reported by its first ones.
    static let limit = 100

    /// The document, or the duplicates that keep it from being one.
    enum Outcome {
        case composed(Node?)
        case duplicates([Duplicate])
    }

    /// One key written again in the same mapping.
    struct Duplicate {
        var key: String
        var mark: Mark
        var first: Mark
    }

    /// Composes `text`, or returns the duplicates found; `compose` is the composition to retry (it may check aliases
    /// first). Rethrows any other error, and a duplicate it cannot locate in the text.
    static func compose(_ text: String, with compose: (String) throws -> Node?) throws -> Outcome {
        var current = text
        var renamed: [(key: String, mark: Mark)] = []
        while true {
            do {
                let node = try compose(current)
                guard !renamed.isEmpty else { return .composed(node) }
                return .duplicates(duplicates(of: renamed, in: node))
            } catch YamlError.duplicatedKeysInMapping(let keys, let context) {
                guard renamed.count < limit, let key = keys.first, let next = renaming(at: context.mark, in: current, with: renamed.count) else {
                    if !renamed.isEmpty { return .duplicates(renamed.map { Duplicate(key: $0.key, mark: $0.mark, first: $0.mark) }) }
                    throw YamlError.duplicatedKeysInMapping(duplicates: keys, context: context)
                }
                renamed.append((key, context.mark))
                current = next
            }
        }
    }

    /// `text` with the key at `mark` (1-based line and column, in Unicode scalars) made unique; nil when no key
    /// character stands there (a quoted or empty key is skipped to its first character).
    private static func renaming(at mark: Mark, in text: String, with number: Int) -> String? {
        guard let placeholder = Unicode.Scalar(firstPlaceholder + UInt32(number)) else { return nil }
        var scalars = Array(text.unicodeScalars)
        var line = 1, index = 0
        while line < mark.line, index < scalars.count {
            if scalars[index] == "\n" { line += 1 }
            index += 1
        }
        index += mark.column - 1
        if index < scalars.count, scalars[index] == "\"" || scalars[index] == "'" { index += 1 }
        guard index < scalars.count, !["\"", "'", "\n", ":", " "].contains(scalars[index]) else { return nil }
        scalars[index] = placeholder
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }

    /// For each renamed key, its other occurrences in the same mapping, each after the first one reported once.
    private static func duplicates(of renamed: [(key: String, mark: Mark)], in root: Node?) -> [Duplicate] {
        var found: [Duplicate] = []
        var reported = Set<String>()
        func visit(_ node: Node) {
            switch node {
            case .mapping(let mapping):
                let keys = mapping.keys
                for entry in renamed where keys.contains(where: { same($0.mark, entry.mark) }) {
                    let occurrences = keys.filter { key in
                        key.scalar?.string == entry.key || renamed.contains { $0.key == entry.key && same($0.mark, key.mark) }
                    }.compactMap(\.mark)
                        .sorted { ($0.line, $0.column) < ($1.line, $1.column) }
                    guard let first = occurrences.first else { continue }
                    for mark in occurrences.dropFirst() where reported.insert("\(mark.line):\(mark.column)").inserted {
                        found.append(Duplicate(key: entry.key, mark: mark, first: first))
                    }
                }
                for (_, value) in mapping { visit(value) }
            case .sequence(let sequence):
                for item in sequence { visit(item) }
            default:
                break
            }
        }
        if let root { visit(root) }
        return found.sorted { ($0.mark.line, $0.mark.column) < ($1.mark.line, $1.mark.column) }
    }

    private static func same(_ a: Mark?, _ b: Mark?) -> Bool {
        guard let a, let b else { return false }
        return a.line == b.line && a.column == b.column
    }
}
