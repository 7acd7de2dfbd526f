import Foundation
import SmokegateCurl
import SmokegateModel
import Yams

extension SuiteLoader {
    /// TLS keys an environment, `defaults:` and a check's `http:` may set; a later level wins key by key.
    static let tlsKeys = ["ca_file", "ca_path", "client_cert", "client_key", "client_key_password", "tls_min_version"]

    /// The TLS keys among `fields`, files located relative to the suite file that names them and checked to exist.
    static func readTLS(_ fields: [String: Node], reader: ConfigReader) -> TLSSettings {
        var settings = TLSSettings()
        if let node = fields["ca_file"] { settings.caFile = readPath(node, what: "ca_file", reader: reader, directory: false) }
        if let node = fields["ca_path"] { settings.caPath = readPath(node, what: "ca_path", reader: reader, directory: true) }
        if let node = fields["client_cert"] { settings.clientCertificate = readPath(node, what: "client_cert", reader: reader, directory: false) }
        if let node = fields["client_key"] { settings.clientKey = readPath(node, what: "client_key", reader: reader, directory: false) }
        if let node = fields["client_key_password"] { settings.clientKeyPassword = reader.string(node, what: "client_key_password") }
        if let node = fields["tls_min_version"], let text = reader.string(node, what: "tls_min_version") {
            if let version = TLSMinimumVersion(rawValue: text.trimmingCharacters(in: .whitespaces)) {
                settings.minimumVersion = version
            } else {
                reader.error("tls_min_version must be 1.0, 1.1, 1.2 or 1.3, found '\(node.scalar?.string ?? text)'", at: node)
            }
        }
        return settings
    }

    /// A key or its passphrase without a certificate to go with it, located at the first level that names one.
    static func checkTLS(_ settings: TLSSettings, fields: [String: Node], defaults: [String: Node], reader: ConfigReader) {
        guard settings.clientCertificate == nil else { return }
        for key in ["client_key", "client_key_password"] {
            if let node = fields[key] ?? defaults[key] {
                reader.error("\(key) needs a client_cert to go with it", at: node)
                return
            }
        }
    }

    /// A file (or directory) path, relative to the directory of the suite file that names it; it must exist and be
    /// readable now, so `validate` finds a typo before a run does.
    static func readPath(_ node: Node, what: String, reader: ConfigReader, directory: Bool) -> String? {
        guard let text = reader.string(node, what: what), !text.isEmpty else {
            if node.scalar?.string.isEmpty == true { reader.error("\(what) needs a path", at: node) }
            return nil
        }
        let base = URL(fileURLWithPath: reader.file).deletingLastPathComponent()
        let path = text.hasPrefix("/") ? text : base.appendingPathComponent(text).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        let shown = node.scalar?.string ?? text
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            reader.error("\(what): no such \(directory ? "directory" : "file") '\(shown)' (\(path); a relative path starts at the suite file's directory)", at: node)
            return nil
        }
        guard isDirectory.boolValue == directory else {
            reader.error("\(what): '\(shown)' is \(directory ? "a file; name a directory of CA certificates" : "a directory; name a file")", at: node)
            return nil
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            reader.error("\(what): cannot read '\(shown)': permission denied", at: node)
            return nil
        }
        return path
    }
}
