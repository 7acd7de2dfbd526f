import SmokegateModel
import Yams

/// YAML merge keys (`<<: *defaults`, `<<: [*a, *b]`), as Docker Compose files use them: Yams composes `<<` as a
/// plain key, and only its decoder merges. Merging here keeps every merged node as the anchor wrote it, mark
/// included, so an error inside a merged part points at the line that holds it, not at the `<<`.
enum YAMLMerge {
    /// `node` with every merge key replaced by the entries it brings: a key written in the mapping wins over a merged
    /// one, and among merged mappings the first listed wins (YAML's merge type).
    static func resolve(_ node: Node, path: String, errors: inout [ConfigError]) -> Node {
        switch node {
        case .mapping(let mapping):
            let explicit = Set(mapping.compactMap { isMergeKey($0.key) ? nil : $0.key.scalar?.string })
            var seen = Set<String>()
            var pairs: [(Node, Node)] = []
            for (key, value) in mapping {
                guard isMergeKey(key) else {
                    pairs.append((key, resolve(value, path: path, errors: &errors)))
                    continue
                }
                let sources: [Node]
                switch value {
                case .mapping: sources = [value]
                case .sequence(let sequence) where sequence.allSatisfy({ $0.mapping != nil }): sources = Array(sequence)
                default:
                    errors.append(ConfigError("'<<' merges a mapping into this one: give it an alias of a mapping (<<: *defaults) or a list of them",
                                              at: location(of: value, path: path)))
                    continue
                }
                for source in sources {
                    guard case .mapping(let merged) = resolve(source, path: path, errors: &errors) else { continue }
                    for (mergedKey, mergedValue) in merged {
                        guard let name = mergedKey.scalar?.string, !explicit.contains(name), seen.insert(name).inserted else { continue }
                        pairs.append((mergedKey, mergedValue))
                    }
                }
            }
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
        case .sequence(let sequence):
            return .sequence(Node.Sequence(sequence.map { resolve($0, path: path, errors: &errors) }, sequence.tag, sequence.style, sequence.mark))
        case .scalar, .alias:
            return node
        }
    }

    /// A plain `<<` (a quoted `"<<"` is an ordinary key).
    private static func isMergeKey(_ key: Node) -> Bool {
        key.tag.rawValue == Tag.Name.merge.rawValue && key.scalar?.style == .plain
    }

    private static func location(of node: Node, path: String) -> SourceLocation {
        SourceLocation(file: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }
}
