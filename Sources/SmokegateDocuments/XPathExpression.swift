import CLibXML2

/// An XPath 1.0 expression, checked when the config loads and evaluated on response bodies.
///
/// Only the text is stored; each evaluation compiles it again. libxml2's compiled form
/// (`xmlXPathCompExpr`) caches function lookups inside itself while evaluating, so sharing one
/// between threads would race, and compiling is cheap next to parsing the body.
public struct XPathExpression: Sendable, Hashable, CustomStringConvertible {
    /// The expression as written.
    public let text: String

    /// Compile-checks `text` with libxml2 so a bad expression fails at load, not at probe time.
    ///
    /// Besides compiling, the expression is run once on a one-element document: libxml2 2.9
    /// compiles some broken expressions (`count(`) and only looks functions up when evaluating,
    /// and both kinds of mistake belong to the config, not to the probed server.
    public init(_ text: String) throws(XPathError) {
        self.text = text
        do {
            _ = try evaluateUnlabelled(on: Array("<probe/>".utf8), as: .xml, encoding: nil)
        } catch {
            throw XPathError(
                code: .invalidExpression, message: "'\(text)' is not a valid XPath 1.0 expression: \(error.message)")
        }
    }

    /// The expression as written.
    public var description: String { text }

    /// Parses `body` as `kind` and evaluates the expression on it.
    ///
    /// XML is parsed without network access, entity substitution or DTD loading (no XXE), and
    /// with libxml2's default size limits; HTML is parsed leniently. Nothing is printed: parser
    /// messages end up in the thrown error. A body of only whitespace is an `emptyDocument`.
    ///
    /// `encoding` (a name libxml2 knows, e.g. `windows-1252`) overrides what the document declares, as an HTTP
    /// charset does; nil lets libxml2 read the byte order mark, the XML declaration or the HTML `<meta>`.
    public func evaluate(on body: [UInt8], as kind: MarkupKind, encoding: String? = nil) throws(XPathError) -> XPathResult {
        do {
            return try evaluateUnlabelled(on: body, as: kind, encoding: encoding)
        } catch {
            guard error.code == .evaluationFailed || error.code == .invalidExpression else { throw error }
            throw XPathError(code: error.code, message: "'\(text)' failed: \(error.message)")
        }
    }

    /// Evaluates with errors whose messages do not yet name the expression.
    private func evaluateUnlabelled(on body: [UInt8], as kind: MarkupKind, encoding: String?) throws(XPathError) -> XPathResult {
        let content = body.starts(with: [0xEF, 0xBB, 0xBF]) ? body.dropFirst(3) : body[...]
        guard content.contains(where: { !XPathExpression.isXMLWhitespace($0) }) else {
            throw XPathError(code: .emptyDocument, message: "the body is empty or only whitespace")
        }
        guard let size = Int32(exactly: body.count) else {
            throw XPathError(code: .unparsableDocument, message: "the body is too large to parse (\(body.count) bytes)")
        }
        return try LibXML2.capturingErrors { log throws(XPathError) -> XPathResult in
            let document = body.withUnsafeBufferPointer { bytes -> xmlDocPtr? in
                guard let base = bytes.baseAddress else { return nil }
                let characters = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
                switch kind {
                case .xml:
                    let options = XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                    return xmlReadMemory(characters, size, nil, encoding, Int32(options))
                case .html:
                    let options = HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_RECOVER.rawValue
                    return htmlReadMemory(characters, size, nil, encoding, Int32(options))
                }
            }
            guard let document else {
                let kindName = kind == .xml ? "XML" : "HTML"
                throw XPathError(
                    code: .unparsableDocument,
                    message: "the body is not well-formed \(kindName)" + (log.firstMessage.map { ": \($0)" } ?? ""))
            }
            defer { xmlFreeDoc(document) }
            guard xmlDocGetRootElement(document) != nil else {
                throw XPathError(code: .emptyDocument, message: "the body has no root element")
            }
            guard let context = xmlXPathNewContext(document) else {
                throw XPathError(code: .evaluationFailed, message: "cannot create an XPath context")
            }
            defer { xmlXPathFreeContext(context) }
            return try XPathExpression.withCompiled(text, context: context) { compiled throws(XPathError) in
                guard let object = xmlXPathCompiledEval(compiled, context) else {
                    throw XPathError(code: .evaluationFailed, message: log.firstMessage ?? "evaluation failed")
                }
                defer { xmlXPathFreeObject(object) }
                return XPathExpression.result(of: object)
            }
        }
    }

    /// Compiles `text` (for `context`'s document, or standalone) and lends the result to `body`.
    private static func withCompiled<Result>(
        _ text: String, context: xmlXPathContextPtr?,
        _ body: (xmlXPathCompExprPtr) throws(XPathError) -> Result
    ) throws(XPathError) -> Result {
        guard !text.utf8.contains(0) else {
            throw XPathError(code: .invalidExpression, message: "the expression contains a NUL character")
        }
        let (compiled, message) = LibXML2.capturingErrors { log in
            (LibXML2.withXMLChars(text) { xmlXPathCtxtCompile(context, $0) }, log.firstMessage)
        }
        guard let compiled else {
            throw XPathError(code: .invalidExpression, message: message ?? "does not compile")
        }
        defer { xmlXPathFreeCompExpr(compiled) }
        return try body(compiled)
    }

    private static func isXMLWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func result(of object: xmlXPathObjectPtr) -> XPathResult {
        switch object.pointee.type {
        case XPATH_NODESET:
            return .nodes(stringValues(of: object.pointee.nodesetval))
        case XPATH_BOOLEAN:
            return .boolean(object.pointee.boolval != 0)
        case XPATH_NUMBER:
            return .number(object.pointee.floatval)
        case XPATH_STRING:
            return .string(object.pointee.stringval.map { LibXML2.string($0) } ?? "")
        default:
            // Points, ranges and XSLT trees do not arise from plain XPath 1.0; a string is the
            // closest meaning if they ever do.
            guard let copy = xmlXPathObjectCopy(object), let converted = xmlXPathConvertString(copy) else {
                return .string("")
            }
            defer { xmlXPathFreeObject(converted) }
            return .string(converted.pointee.stringval.map { LibXML2.string($0) } ?? "")
        }
    }

    private static func stringValues(of nodeSet: xmlNodeSetPtr?) -> [String] {
        guard let nodeSet, nodeSet.pointee.nodeNr > 0, let nodes = nodeSet.pointee.nodeTab else { return [] }
        xmlXPathNodeSetSort(nodeSet)
        // One buffer, emptied per node, so nothing needs libxml2's xmlFree.
        guard let buffer = xmlBufferCreate() else { return [] }
        defer { xmlBufferFree(buffer) }
        var values: [String] = []
        values.reserveCapacity(Int(nodeSet.pointee.nodeNr))
        for position in 0..<Int(nodeSet.pointee.nodeNr) {
            xmlBufferEmpty(buffer)
            guard let node = nodes[position], xmlNodeBufGetContent(buffer, node) == 0,
                let content = xmlBufferContent(buffer)
            else {
                values.append("")
                continue
            }
            values.append(
                String(decoding: UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))), as: UTF8.self))
        }
        return values
    }
}
