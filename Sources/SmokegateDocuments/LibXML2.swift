import CLibXML2

/// Process-wide libxml2 set-up and the error capture every libxml2 call here runs inside.
enum LibXML2 {
    /// A global's initialiser runs exactly once even when threads race for it, which is the
    /// guarantee `xmlInitParser` needs before any thread parses.
    private static let initialized: Void = xmlInitParser()

    static func ensureInitialized() {
        _ = initialized
    }

    /// Runs `body` with this thread's libxml2 errors going to a collector instead of stderr.
    ///
    /// libxml2 keeps the structured error handler per thread, and `body` is synchronous, so the
    /// handler cannot leak to other work; the previous handler is put back afterwards.
    static func capturingErrors<Result, Failure: Error>(
        _ body: (LibXML2ErrorLog) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        ensureInitialized()
        let log = LibXML2ErrorLog()
        let previousHandler = __xmlStructuredError().pointee
        let previousContext = __xmlStructuredErrorContext().pointee
        xmlSetStructuredErrorFunc(Unmanaged.passUnretained(log).toOpaque()) { context, error in
            LibXML2ErrorLog.receive(context: context, error: error)
        }
        defer { xmlSetStructuredErrorFunc(previousContext, previousHandler) }
        return try withExtendedLifetime(log) { () throws(Failure) -> Result in try body(log) }
    }

    /// Lends `text` to libxml2 as a NUL-terminated `xmlChar *`; callers strip NULs first.
    static func withXMLChars<Result>(_ text: String, _ body: (UnsafePointer<xmlChar>) -> Result) -> Result {
        text.withCString { characters in
            // CChar and xmlChar (UInt8) are signed/unsigned twins, which Swift lets alias.
            body(UnsafeRawPointer(characters).assumingMemoryBound(to: xmlChar.self))
        }
    }

    /// A libxml2-owned UTF-8 string as a Swift string; invalid bytes become U+FFFD.
    static func string(_ pointer: UnsafePointer<xmlChar>) -> String {
        String(decoding: UnsafeBufferPointer(start: pointer, count: Int(xmlStrlen(pointer))), as: UTF8.self)
    }
}
