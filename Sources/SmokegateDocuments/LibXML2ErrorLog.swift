import CLibXML2

/// The errors libxml2 reported during one `LibXML2.capturingErrors` call.
///
/// Not `Sendable`: it lives on one thread for the length of one synchronous call.
final class LibXML2ErrorLog {
    struct Entry {
        var isWarning: Bool
        var line: Int32
        var column: Int32
        /// Byte offset into an XPath expression, for XPath errors.
        var expressionOffset: Int32?
        var message: String
    }

    /// Hostile documents can raise thousands of errors; the first ones explain the problem.
    private static let limit = 20
    private(set) var entries: [Entry] = []

    /// Called by libxml2 on the thread that raised the error; `context` is the log that
    /// `LibXML2.capturingErrors` keeps alive for the duration.
    static func receive(context: UnsafeMutableRawPointer?, error: xmlErrorPtr?) {
        guard let context, let error else { return }
        Unmanaged<LibXML2ErrorLog>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
    }

    private func record(_ error: xmlError) {
        guard entries.count < LibXML2ErrorLog.limit else { return }
        let text = error.message.map { String(cString: $0) } ?? "unknown libxml2 error"
        entries.append(
            Entry(
                isWarning: error.level == XML_ERR_WARNING,
                line: error.line,
                column: error.int2,
                expressionOffset: error.domain == Int32(XML_FROM_XPATH.rawValue) && error.str1 != nil ? error.int1 : nil,
                message: LibXML2ErrorLog.trimmed(text)))
    }

    /// The first error (warnings only when there is no error), with its position when known.
    var firstMessage: String? {
        guard let entry = entries.first(where: { !$0.isWarning }) ?? entries.first else { return nil }
        if let offset = entry.expressionOffset {
            return "\(entry.message) at byte \(offset) of the expression"
        }
        guard entry.line > 0 else { return entry.message }
        let column = entry.column > 0 ? ", column \(entry.column)" : ""
        return "line \(entry.line)\(column): \(entry.message)"
    }

    /// libxml2 messages end in a newline and sometimes carry padding.
    private static func trimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        return String(scalars)
    }
}
