extension SwitchableHTTPServer {
    /// A suite `cutover` with one environment, `public`, on this server and one check, `health`, that reads the
    /// version from the `X-Version` header: what a `watch` of a cutover probes. The text ends with a newline, so a
    /// test can append keys to it.
    public var cutoverSuite: String {
        """
        suite: cutover
        environments:
          public: { base_url: "\(baseURL)" }
        checks:
          - name: health
            http: { url: /health, timeout: 500ms }
            expect: { status: 200 }
            version_from: header X-Version

        """
    }
}
