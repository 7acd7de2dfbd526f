import Mustache

/// The templates of smokegate's pages, carried in the binary as text and parsed once. swift-mustache escapes every
/// `{{value}}` for HTML (`<`, `>`, `&`, `"`, `'`); the only unescaped insertions (`{{{ }}}`) are `SVGMarkup`, which
/// the drawing code builds escaping every text it writes (a test holds the templates to that). No template switches
/// the content type, and none holds a script: the pages are static HTML and CSS.
///
/// `document` is the frame every page shares (head, the inline stylesheet, a content security policy that forbids
/// scripts and fetches); a page fills its blocks: `{{<document}}{{$title}}…{{/title}}{{$body}}…{{/body}}{{/document}}`.
enum PageTemplates {
    static let document = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"/>
        {{$head}}{{/head}}
        <title>{{$title}}smokegate{{/title}}</title>
        <link rel="icon" href="data:,"/>
        <style>
        \(PageStyle.css)
        </style>
        </head>
        <body>
        <main>
        {{$body}}{{/body}}
        </main>
        </body>
        </html>

        """

    /// Parsed once; a template that does not parse is a bug every test of a page finds.
    static let library: Result<MustacheLibrary, any Error> = Result {
        var library = MustacheLibrary()
        try library.register(document, named: "document")
        try library.register(StatusPageTemplate.page, named: "status-page")
        try library.register(StatusPageTemplate.row, named: "status-row")
        try library.register(ReportPageTemplate.page, named: "report-page")
        try library.register(ReportPageTemplate.check, named: "report-check")
        try library.register(ReportPageTemplate.comparison, named: "report-comparison")
        return library
    }

    /// Renders `model` with the template `name`; a library that failed to parse gives a plain page that says so.
    static func render(_ model: Any, with name: String) -> String {
        switch library {
        case .success(let library):
            return library.render(model, withTemplate: name) ?? brokenPage("no template named \(name)")
        case .failure(let error):
            return brokenPage("the page templates do not parse: \(error)")
        }
    }

    private static func brokenPage(_ problem: String) -> String {
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"/><title>smokegate</title></head><body><p>"
            + MarkupEscaping.escape(problem) + "</p></body></html>\n"
    }
}
