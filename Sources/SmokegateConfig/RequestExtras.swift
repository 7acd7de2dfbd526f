import SmokegateCurl
import SmokegateModel

/// What an `http:` block may add to a request beyond URL, headers and body: the fields read here are applied to the
/// `HTTPProbeSpec` together.
struct RequestExtras {
    var query: [FormField] = []
    var form: [FormField]?
    var multipart: [MultipartPart]?
    var jsonBody = false
    var basicAuth: HTTPBasicCredentials?
    var httpVersion: HTTPVersionRequirement?
    var tls = TLSSettings()
}

extension HTTPProbeSpec {
    mutating func apply(_ extras: RequestExtras) {
        query = extras.query
        form = extras.form
        multipart = extras.multipart
        jsonBody = extras.jsonBody
        basicAuth = extras.basicAuth
        httpVersion = extras.httpVersion
        tls = extras.tls
    }
}
