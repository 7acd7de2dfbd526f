import CLibXML2

/// Writes an XML document to memory with libxml2's text writer; text is made XML-1.0-safe first.
///
/// A non-copyable struct, so exactly one owner can write and the libxml2 writer and buffer are
/// freed exactly once (by `finish()` or, if it is never called, when the value is dropped).
/// The writer keeps the output well-formed: it rejects invalid names, text outside the root
/// element, a second root, attributes after content and duplicate attributes. Text, attribute
/// values and CDATA pass through ``xmlSafe(_:)``; newlines in attribute values are written as
/// `&#10;` (and CR, tab as `&#13;`, `&#9;`) so they survive a reader's normalisation.
public struct XMLTextWriter: ~Copyable {
    private var writer: OpaquePointer?
    private var buffer: xmlBufferPtr?
    private var openElements: [String] = []
    /// Attribute names of the element still open for attributes; `nil` once content started.
    private var pendingAttributes: Set<String>? = nil
    private var rootClosed = false

    /// Starts a UTF-8 document (`<?xml version="1.0" encoding="UTF-8"?>`), indented with two
    /// spaces per level unless `indent` is false.
    public init(indent: Bool = true) throws(XMLWriterError) {
        LibXML2.ensureInitialized()
        guard let buffer = xmlBufferCreate() else {
            throw XMLWriterError(code: .writerFailed, message: "cannot allocate the output buffer")
        }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw XMLWriterError(code: .writerFailed, message: "cannot create the libxml2 text writer")
        }
        let started = LibXML2.capturingErrors { _ in
            if indent {
                guard xmlTextWriterSetIndent(writer, 1) >= 0,
                    LibXML2.withXMLChars("  ", { xmlTextWriterSetIndentString(writer, $0) }) >= 0
                else { return false }
            }
            return xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil) >= 0
        }
        guard started else {
            xmlFreeTextWriter(writer)
            xmlBufferFree(buffer)
            throw XMLWriterError(code: .writerFailed, message: "cannot start the XML document")
        }
        self.writer = writer
        self.buffer = buffer
    }

    deinit {
        if let writer { xmlFreeTextWriter(writer) }
        if let buffer { xmlBufferFree(buffer) }
    }

    /// Opens an element; attributes may follow until the first content is written.
    public mutating func startElement(_ name: String) throws(XMLWriterError) {
        try checkName(name, kind: "element")
        if openElements.isEmpty, rootClosed {
            throw XMLWriterError(code: .invalidState, message: "element '\(name)' would be a second root element")
        }
        try perform("start element '\(name)'") { writer in
            LibXML2.withXMLChars(name) { xmlTextWriterStartElement(writer, $0) }
        }
        openElements.append(name)
        pendingAttributes = []
    }

    /// Adds an attribute to the element just started; the value is escaped and made XML-safe.
    public mutating func attribute(_ name: String, _ value: String) throws(XMLWriterError) {
        try checkName(name, kind: "attribute")
        guard var names = pendingAttributes else {
            throw XMLWriterError(
                code: .invalidState, message: "attribute '\(name)' must come right after its element starts")
        }
        guard names.insert(name).inserted else {
            throw XMLWriterError(code: .invalidState, message: "duplicate attribute '\(name)'")
        }
        let safeValue = XMLTextWriter.xmlSafe(value)
        try perform("write attribute '\(name)'") { writer in
            LibXML2.withXMLChars(name) { name in
                LibXML2.withXMLChars(safeValue) { xmlTextWriterWriteAttribute(writer, name, $0) }
            }
        }
        pendingAttributes = names
    }

    /// Writes escaped character data inside the current element.
    public mutating func text(_ value: String) throws(XMLWriterError) {
        try checkInsideElement("text")
        let safeValue = XMLTextWriter.xmlSafe(value)
        guard !safeValue.isEmpty else { return }
        try perform("write text") { writer in
            LibXML2.withXMLChars(safeValue) { xmlTextWriterWriteString(writer, $0) }
        }
        pendingAttributes = nil
    }

    /// Writes a CDATA section; a `]]>` inside is split across two sections
    /// (`]]]]><![CDATA[>`) so the reader gets the text back unchanged — except that XML readers
    /// turn a raw CR (or CR LF) into LF, which CDATA cannot escape; use ``text(_:)`` to keep CRs.
    public mutating func cdata(_ value: String) throws(XMLWriterError) {
        try checkInsideElement("CDATA")
        let safeValue = XMLTextWriter.xmlSafe(value)
        let pieces = safeValue.split(separator: "]]>", omittingEmptySubsequences: false)
        for (index, piece) in pieces.enumerated() {
            let section = (index > 0 ? ">" : "") + piece + (index < pieces.count - 1 ? "]]" : "")
            try perform("write CDATA") { writer in
                LibXML2.withXMLChars(section) { xmlTextWriterWriteCDATA(writer, $0) }
            }
        }
        pendingAttributes = nil
    }

    /// Closes the innermost open element (as `<a/>` when it is empty).
    public mutating func endElement() throws(XMLWriterError) {
        guard let name = openElements.last else {
            throw XMLWriterError(code: .invalidState, message: "no open element to end")
        }
        try perform("end element '\(name)'") { writer in xmlTextWriterEndElement(writer) }
        openElements.removeLast()
        pendingAttributes = nil
        if openElements.isEmpty { rootClosed = true }
    }

    /// Ends the document, closing any elements still open, and returns the UTF-8 bytes.
    public consuming func finish() throws(XMLWriterError) -> [UInt8] {
        guard let writer, let buffer else {
            throw XMLWriterError(code: .writerFailed, message: "the writer was already finished")
        }
        guard rootClosed || !openElements.isEmpty else {
            throw XMLWriterError(code: .invalidState, message: "the document has no root element")
        }
        let ended = LibXML2.capturingErrors { log in
            (xmlTextWriterEndDocument(writer), log.firstMessage)
        }
        // Freeing the writer flushes its output into the buffer, so it has to go first.
        xmlFreeTextWriter(writer)
        self.writer = nil
        defer {
            xmlBufferFree(buffer)
            self.buffer = nil
        }
        guard ended.0 >= 0 else {
            throw XMLWriterError(
                code: .writerFailed, message: "cannot end the document" + (ended.1.map { ": \($0)" } ?? ""))
        }
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }

    private func checkName(_ name: String, kind: String) throws(XMLWriterError) {
        guard XMLTextWriter.isXMLName(name) else {
            throw XMLWriterError(code: .invalidName, message: "'\(name)' is not a valid XML \(kind) name")
        }
    }

    private func checkInsideElement(_ what: String) throws(XMLWriterError) {
        guard !openElements.isEmpty else {
            throw XMLWriterError(code: .invalidState, message: "\(what) outside the root element")
        }
    }

    /// Runs one libxml2 writer call, turning its negative result into an error with libxml2's message.
    private func perform(_ action: String, _ call: (OpaquePointer) -> Int32) throws(XMLWriterError) {
        guard let writer else {
            throw XMLWriterError(code: .writerFailed, message: "the writer was already finished")
        }
        let (result, message) = LibXML2.capturingErrors { log in (call(writer), log.firstMessage) }
        guard result >= 0 else {
            throw XMLWriterError(
                code: .writerFailed, message: "cannot \(action)" + (message.map { ": \($0)" } ?? ""))
        }
    }
}
