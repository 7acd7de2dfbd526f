import Foundation
import SmokegateModel

extension SuiteLoader {
    /// The checks `--check` names (globs over `name` or `suite/name`), with the checks they depend on, in their
    /// order; every check when no pattern is given. A pattern that matches nothing is an error naming close matches.
    static func selectChecks(_ checks: [Check], patterns: [String], errors: inout [ConfigError]) -> [Check] {
        guard !patterns.isEmpty else { return checks }
        var chosen = Set<Int>()
        for pattern in patterns {
            let matches = checks.indices.filter { glob(pattern, matches: checks[$0].name) || glob(pattern, matches: checks[$0].qualifiedName) }
            guard matches.isEmpty else {
                chosen.formUnion(matches)
                continue
            }
            // Suggest names as the pattern writes them: with their suite when it names one.
            let names = pattern.contains("/") ? checks.map(\.qualifiedName) : checks.map(\.name)
            let close = closeMatches(for: pattern, among: names)
            let listed = checks.prefix(12).map(\.qualifiedName).joined(separator: ", ") + (checks.count > 12 ? ", …" : "")
            errors.append(ConfigError("--check '\(pattern)' matches no check" + (close.isEmpty ? "" : "; did you mean \(close.map { "'\($0)'" }.joined(separator: " or "))?")
                + "; checks: \(listed) (smokegate list shows them all)", at: nil))
        }
        // A check runs with what it waits for: the checks whose captures or cookies it needs.
        var pending = Array(chosen)
        while let index = pending.popLast() {
            for dependency in checks[index].dependencies where chosen.insert(dependency.check).inserted { pending.append(dependency.check) }
        }
        let kept = checks.indices.filter(chosen.contains)
        var newIndex: [Int: Int] = [:]
        for (position, index) in kept.enumerated() { newIndex[index] = position }
        return kept.map { index in
            var check = checks[index]
            check.dependencies = check.dependencies.compactMap { dependency in
                newIndex[dependency.check].map { CheckDependency(check: $0, captures: dependency.captures) }
            }
            return check
        }
    }

    /// Shell-style globbing: `*`, `?` and `[…]`; `/` is an ordinary character.
    static func glob(_ pattern: String, matches name: String) -> Bool {
        fnmatch(pattern, name, 0) == 0
    }

    /// Names that hold `word`, then names within a few edits of it, closest first; at most three.
    private static func closeMatches(for word: String, among names: [String]) -> [String] {
        var seen = Set<String>()
        let unique = names.filter { seen.insert($0).inserted }
        let holding = unique.filter { $0.lowercased().contains(word.lowercased()) }
        let limit = max(2, word.count / 3)
        let near = unique.filter { !holding.contains($0) }
            .map { ($0, Levenshtein.distance(word, $0)) }
            .filter { $0.1 <= limit }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .map(\.0)
        return Array((holding + near).prefix(3))
    }
}
