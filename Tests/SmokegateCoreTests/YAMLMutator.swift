@testable import SmokegateConfig
import SmokegateTestSupport

/// Seeded mutations of suite files: byte-level damage, line surgery, values swapped for other types, broken
/// templates, misplaced keys, anchors and alias bombs. Works on bytes, so a mutation may leave invalid UTF-8.
struct YAMLMutator {
    /// Every key the config knows, so inserted keys are often valid somewhere (just not where they land).
    static let vocabulary: [String] = {
        var keys = SuiteLoader.rootKeys + SuiteLoader.environmentKeys + CheckReader.checkKeys + CheckReader.httpKeys
            + CheckReader.tcpKeys + CheckReader.postgresKeys + CheckReader.redisKeys + CheckReader.defaultKeys
            + ExpectationReader.expectKeys.values.flatMap { $0 } + ExpectationReader.matcherKeys
            + WatchReader.suiteKeys + ComparisonReader.suiteKeys
            + ["blue", "green", "$.status", "//title", "X-Version", "downtime", "availability", "p95", "<<"]
        keys = Array(Set(keys)).sorted()
        return keys
    }()

    /// Short byte sequences with a meaning to YAML or to the config's own syntax.
    static let tokens: [String] = [
        ": ", "- ", "-", ":", "? ", "{{", "}}", "${", "}", "${env:FUZZ_SECRET}", "${env:FUZZ_UNSET}", "{{environment}}",
        "{{nope}}", "\t", "\n", "\n  ", "\r\n", "\r", "&a ", "*a", "&a", "!!str ", "!!map ", "!tag ", "---\n", "...\n",
        "%YAML 1.2\n", "\u{FEFF}", "\"", "'", "#", "\\", "[", "]", "{", "}", ",", "|", ">", "@", "`", "%", "\u{0}", "\u{1B}",
        "\u{7F}", "\u{85}", "\u{2028}", "é", "🚀", "\u{202E}", " ", "    ", "~", "<<: ", "*", "&",
    ]

    /// The other inputs, for splicing lines and halves from one file into another.
    let corpus: [[UInt8]]

    func mutate(_ input: [UInt8], random: inout FuzzRandom) -> [UInt8] {
        var bytes = input
        for _ in 0..<random.geometric(max: 5, p: 0.4) {
            mutateOnce(&bytes, random: &random)
        }
        return bytes
    }

    private func mutateOnce(_ bytes: inout [UInt8], random: inout FuzzRandom) {
        // Weighted toward edits that keep the YAML parseable (measured one by one: 60-100% for the line edits,
        // 10-50% for byte damage), so most inputs reach the loader's own checks.
        switch random.int(0..<30) {
        case 0: flipBit(&bytes, &random)
        case 1: setByte(&bytes, &random)
        case 2, 3: insertToken(&bytes, &random)
        case 4: deleteRange(&bytes, &random)
        case 5: editLines(&bytes) { lines in lines.remove(at: random.int(0..<lines.count)) }
        case 6: editLines(&bytes) { lines in duplicateLine(&lines, &random) }
        case 7: editLines(&bytes) { lines in lines.swapAt(random.int(0..<lines.count), random.int(0..<lines.count)) }
        case 8: editLines(&bytes) { lines in spliceLine(&lines, &random) }
        case 9, 10: editLines(&bytes) { lines in insertKeyLine(&lines, &random) }
        case 11, 12, 13, 14, 15, 16: editLines(&bytes) { lines in replaceValue(&lines, &random) }
        case 17, 18, 19: editLines(&bytes) { lines in replaceKey(&lines, &random) }
        case 20, 21: editLines(&bytes) { lines in replaceListItem(&lines, &random) }
        case 22: editLines(&bytes) { lines in reindent(&lines, &random) }
        case 23: bytes.removeLast(random.int(0..<(bytes.count + 1)))
        case 24: editLines(&bytes) { lines in crossover(&lines, &random) }
        case 25, 26: editLines(&bytes) { lines in duplicateBlock(&lines, &random) }
        case 27: editLines(&bytes) { lines in aliasify(&lines, &random) }
        case 28: editLines(&bytes) { lines in plantBomb(&lines, &random) }
        default: insertTemplate(&bytes, &random)
        }
    }

    // MARK: Bytes

    private func flipBit(_ bytes: inout [UInt8], _ random: inout FuzzRandom) {
        guard !bytes.isEmpty else { return }
        bytes[random.int(0..<bytes.count)] ^= 1 << UInt8(random.int(0..<8))
    }

    private func setByte(_ bytes: inout [UInt8], _ random: inout FuzzRandom) {
        guard !bytes.isEmpty else { return }
        let interesting: [UInt8] = [0x00, 0x09, 0x0A, 0x0D, 0x1B, 0x20, 0x7F, 0x80, 0xC3, 0xFF, 0x22, 0x27, 0x23, 0x26, 0x2A, 0x3A, 0x2D, 0x5B, 0x7B, 0x7C, 0x3E]
        bytes[random.int(0..<bytes.count)] = random.pick(interesting)
    }

    private func insertToken(_ bytes: inout [UInt8], _ random: inout FuzzRandom) {
        let token = random.chance(0.8) ? random.pick(Self.tokens) : FuzzValues.any(&random)
        bytes.insert(contentsOf: Array(token.utf8), at: random.int(0...bytes.count))
    }

    private func deleteRange(_ bytes: inout [UInt8], _ random: inout FuzzRandom) {
        guard !bytes.isEmpty else { return }
        let start = random.int(0..<bytes.count)
        bytes.removeSubrange(start..<min(bytes.count, start + random.int(1...16)))
    }

    // MARK: Lines

    /// Applies `edit` to the lines of `bytes` (never handed an empty list).
    private func editLines(_ bytes: inout [UInt8], _ edit: (inout [[UInt8]]) -> Void) {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if lines.isEmpty { lines = [[]] }
        edit(&lines)
        bytes = Array(lines.joined(separator: [0x0A]))
    }

    private func duplicateLine(_ lines: inout [[UInt8]], _ random: inout FuzzRandom) {
        let index = random.int(0..<lines.count)
        lines.insert(lines[index], at: random.chance(0.7) ? index : random.int(0...lines.count))
    }

    private func spliceLine(_ lines: inout [[UInt8]], _ random: inout FuzzRandom) {
        let donor = random.pick(corpus).split(separator: 0x0A).map(Array.init)
        guard !donor.isEmpty else { return }
        let count = random.int(1...min(6, donor.count))
        let start = random.int(0...(donor.count - count))
        lines.insert(contentsOf: donor[start..<(start + count)], at: random.int(0...lines.count))
    }

    /// A known key with a random value, indented like a neighbouring line (or a little off).
    private func insertKeyLine(_ lines: inout [[UInt8]], _ random: inout FuzzRandom) {
        let index = random.int(0...lines.count)
        let neighbour = lines[min(index, lines.count - 1)]
        var indent = neighbour.prefix { $0 == 0x20 }.count + random.pick([0, 0, 0, 2, -2, 4, 1])
        indent = max(0, indent)
        let key = random.pick(Self.vocabulary)
        let dash = random.chance(0.2) ? "- " : ""
        let value = random.chance(0.8) ? FuzzValues.any(&random) : ""
        lines.insert(Array((String(repeating: " ", count: indent) + dash + key + ": " + value).utf8), at: index)
    }

    /// The value of a `key: value` line swapped for a wrong one of the key's own kind, another type, or anything.
    private func replaceValue(_ lines: inout [[UInt8]], _ random: inout FuzzRandom) {
        let candidates = lines.indices.filter { lines[$0].contains(0x3A) }
        guard !candidates.isEmpty else { return }
        let index = random.pick(candidates)
        let line = lines[index]
        guard let colon = line.firstIndex(of: 0x3A) else { return }
        let key = String(decoding: line[..<colon], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        let name = key.hasPrefix("- ") ? String(key.dropFirst(2)) : key
        var value = if let family = FuzzValues.family(for: name), random.chance(0.6) { random.pick(family) } else { FuzzValues.any(&random) }
        if random.chance(0.5) { value = FuzzValues.quotedIfNeeded(value) }
        lines[index] = Array(line[...colon]) + Array((" " + value).utf8)
    }

    /// The key of a `key: value` line swapped for another known key, a bad JSON path or XPath, or a template.
    private func replaceKey(_ lines: inout [[UInt8]], _ random: inout FuzzRandom) {
        let candidates = lines.indices.filter { lines[$0].contains(0x3A) }
        guard !candidates.isEmpty else { return }
        let index = random.pick(candidates)
        let line = lines[index]
        guard let colon = line.firstIndex(of: 0x3A) else { return }
        let indent = line.prefix { $0 == 0x20 || $0 == 0x2D }
        let key = switch random.int(0..<4) {
        case 0: random.pick(FuzzValues.jsonPaths)
        case 1: random.pick(FuzzValues.xpaths)
        case 2: random.pick(["\"{{environment}}\"", "\"${env:FUZZ_SECRET}\"", "\"\"", "~", "[a]", "{a: 1}", "\"bad name!\"", "X-\u{1}"])
        default: random.pick(Self.vocabulary)
        }
        lines[index] = Array(indent) + Array(key.utf8) + Array(line[colon...])
    }

    /// A `- item` line (a gate, a status, a tag) swapped for a threshold or anything.
    private func replaceListItem(_ lines: inout [[UInt8]], _ random: inout FuzzRandom) {
        let candidates = lines.indices.filter { lines[$0].drop { $0 == 0x20 }.starts(with: [0x2D, 0x20]) && !lines[$0].contains(0x3A) }
        guard !candidates.isEmpty else { return }
        let index = random.pick(candidates)
        let indent = lines[index].prefix { $0 == 0x20 }
        let value = random.chance(0.5) ? random.pick(FuzzValues.thresholds) : FuzzValues.any(&random)
        lines[index] = Array(indent) + Array(("- " + value).utf8)
    }

    /// A variable or secret reference inside an existing value, where a template is rendered.
    private func insertTemplate(_ bytes: inout [UInt8], _ random: inout FuzzRandom) {
        let colons = bytes.indices.filter { bytes[$0] == 0x3A && $0 + 1 < bytes.count && bytes[$0 + 1] == 0x20 }
        guard !colons.isEmpty else { return }
        let at = random.pick(colons) + 2
        let quoted = FuzzValues.templates.filter { $0.hasPrefix("\"") }
        let template = String(random.pick(quoted).dropFirst().dropLast())
        bytes.insert(contentsOf: Array(template.utf8), at: random.int(at...min(bytes.count, at + 8)))
    }

    private func reindent(_ lines: inout [[UInt8]], _ random: inout FuzzRandom) {
        let index = random.int(0..<lines.count)
        let spaces = lines[index].prefix { $0 == 0x20 }.count
        var rest = Array(lines[index].dropFirst(spaces))
        switch random.int(0..<4) {
        case 0: rest = Array(repeating: 0x20, count: spaces + random.int(1...4)) + rest
        case 1: rest = Array(repeating: 0x20, count: max(0, spaces - random.int(1...4))) + rest
        case 2: rest = [0x09] + rest
        default: rest = Array(repeating: 0x09, count: max(1, spaces / 2)) + rest
        }
        lines[index] = rest
    }

    private func crossover(_ lines: inout [[UInt8]], _ random: inout FuzzRandom) {
        let donor = random.pick(corpus).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        let cut = random.int(0...lines.count)
        lines = Array(lines.prefix(cut)) + Array(donor.suffix(random.int(0...donor.count)))
    }

    /// Repeats one list item (a check, a gate) whole, which duplicates its name.
    private func duplicateBlock(_ lines: inout [[UInt8]], _ random: inout FuzzRandom) {
        let starts = lines.indices.filter { lines[$0].drop { $0 == 0x20 }.starts(with: [0x2D, 0x20]) }
        guard !starts.isEmpty else { return }
        let start = random.pick(starts)
        let indent = lines[start].prefix { $0 == 0x20 }.count
        var end = start + 1
        while end < lines.count, lines[end].prefix(while: { $0 == 0x20 }).count > indent || lines[end].isEmpty { end += 1 }
        lines.insert(contentsOf: lines[start..<end], at: end)
    }

    /// An anchor on one value and an alias to it elsewhere, possibly inside the anchored value itself.
    private func aliasify(_ lines: inout [[UInt8]], _ random: inout FuzzRandom) {
        let candidates = lines.indices.filter { lines[$0].contains(0x3A) }
        guard candidates.count >= 1 else { return }
        let name = "a\(random.int(0..<100))"
        let anchored = random.pick(candidates)
        if let colon = lines[anchored].firstIndex(of: 0x3A) {
            lines[anchored].insert(contentsOf: Array(" &\(name)".utf8), at: colon + 1)
        }
        let target = random.pick(candidates)
        if let colon = lines[target].firstIndex(of: 0x3A) {
            lines[target] = Array(lines[target][...colon]) + Array(" *\(name)".utf8)
        }
    }

    /// A billion-laughs value under a key, or as a key (`? bomb`), somewhere in the file.
    private func plantBomb(_ lines: inout [[UInt8]], _ random: inout FuzzRandom) {
        let bomb = FuzzValues.aliasBomb(&random)
        let candidates = lines.indices.filter { lines[$0].contains(0x3A) }
        if random.chance(0.3) || candidates.isEmpty {
            let index = random.int(0...lines.count)
            let indent = String(repeating: " ", count: lines[min(index, lines.count - 1)].prefix { $0 == 0x20 }.count)
            lines.insert(contentsOf: [Array((indent + "? " + bomb).utf8), Array((indent + ": x").utf8)], at: index)
        } else {
            let index = random.pick(candidates)
            if let colon = lines[index].firstIndex(of: 0x3A) { lines[index] = Array(lines[index][...colon]) + Array((" " + bomb).utf8) }
        }
    }
}
