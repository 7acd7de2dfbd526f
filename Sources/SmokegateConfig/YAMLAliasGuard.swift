import Yams

/// Refuses a document whose aliases stand for more values than any real suite holds (a "billion laughs").
///
/// Yams resolves every alias to the anchored node itself, so ten lines of `&b [*a, *a, …]` stand for billions of
/// values: walking them (a `json:` body) or hashing them (Yams hashes mapping keys, while composing, to find
/// duplicates) never ends. So the document is first composed with every alias turned into a placeholder scalar,
/// which costs what the text costs, and the expansion is counted with each anchor's size computed once.
enum YAMLAliasGuard {
    /// More values than this, once aliases are expanded, is refused.
    static let limit = 100_000
    /// Replaces an alias's `*`: one character, so lines and columns stay those of the real document.
    private static let placeholder: Unicode.Scalar = "\u{E000}"

    /// A problem to report, or nil when the document is small enough or has no aliases. Throws the YAML error of
    /// a document that does not parse: the real composition would hash alias keys completed before the error.
    ///
    /// Every `*name` becomes a placeholder, even inside strings and comments (it then counts as one value), so
    /// no alias is left to expand; the one casualty is a YAML tag holding `*name`, which the loader has no use for.
    static func check(_ text: String) throws(YamlError) -> (message: String, mark: Mark?)? {
        guard text.utf8.contains(UInt8(ascii: "*")) else { return nil }
        var scalars = Array(text.unicodeScalars)
        var aliases = 0
        for index in scalars.indices.dropLast() where scalars[index] == "*" && isNameCharacter(scalars[index + 1]) {
            scalars[index] = placeholder
            aliases += 1
        }
        guard aliases > 0 else { return nil }
        var substituted = String.UnicodeScalarView()
        substituted.append(contentsOf: scalars)
        let parser: Parser
        let root: Node?
        do {
            parser = try Parser(yaml: String(substituted))
            root = try parser.singleRoot()
        } catch let error as YamlError {
            throw restoringAliases(error)
        } catch {
            return nil
        }
        guard let root else { return nil }
        var counter = Counter()
        // Anchors are weak references owned by the parser: it must outlive the walk.
        return withExtendedLifetime(parser) {
            guard counter.size(of: root) > limit else { return nil }
            let message = "aliases expand this document to more than \(limit) values (\(aliases) alias\(aliases == 1 ? "" : "es")"
                + " multiplying each other, as in a 'billion laughs'): refer to anchors without nesting aliases in aliases"
            return (message, counter.overflow)
        }
    }

    /// Duplicate keys are reported by their text: show an alias as written, not as its placeholder.
    private static func restoringAliases(_ error: YamlError) -> YamlError {
        guard case let .duplicatedKeysInMapping(duplicates, context) = error else { return error }
        let restored = duplicates.map { String(String.UnicodeScalarView($0.unicodeScalars.map { $0 == placeholder ? "*" : $0 })) }
        return .duplicatedKeysInMapping(duplicates: restored, context: context)
    }

    /// The characters libyaml allows in anchor and alias names.
    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "0"..."9", "a"..."z", "A"..."Z", "_", "-": true
        default: false
        }
    }

    /// Sizes in the order Yams composes: an anchor is registered when its node is complete, so an alias refers to
    /// the latest complete node of that name, as in the real document.
    private struct Counter {
        var anchors: [String: Int] = [:]
        /// Where the count first went over the limit.
        var overflow: Mark?

        /// The node's value count with aliases expanded, saturating just past the limit.
        mutating func size(of node: Node) -> Int {
            var total = 1
            switch node {
            case .scalar(let scalar):
                if scalar.style == .plain, scalar.string.unicodeScalars.first == YAMLAliasGuard.placeholder {
                    let name = String(String.UnicodeScalarView(scalar.string.unicodeScalars.dropFirst().prefix(while: YAMLAliasGuard.isNameCharacter)))
                    total = anchors[name] ?? 1
                }
            case .sequence(let sequence):
                for item in sequence { total = add(total, size(of: item)) }
            case .mapping(let mapping):
                for (key, value) in mapping { total = add(add(total, size(of: key)), size(of: value)) }
            case .alias:
                break
            }
            if total > YAMLAliasGuard.limit, overflow == nil { overflow = node.mark }
            if let anchor = node.anchor { anchors[anchor.rawValue] = total }
            return total
        }

        private func add(_ a: Int, _ b: Int) -> Int { min(a + b, YAMLAliasGuard.limit + 1) }
    }
}
