import SmokegateDocuments

/// Text made safe to write into HTML or SVG, inside an element or a quoted attribute: the characters XML cannot
/// carry (C0 controls, the ESC of an ANSI sequence) dropped, and `<`, `>`, `&`, `"` and `'` written as references.
/// The drawing code writes every text through it; templates escape through swift-mustache, whose escaping is the
/// same five characters.
enum MarkupEscaping {
    static func escape(_ text: String) -> String {
        let text = XMLTextWriter.xmlSafe(text)
        guard text.utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
