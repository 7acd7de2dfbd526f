/// The demo web shop's routes for one deployment colour and version.
struct DemoShop: Sendable {
    /// One catalogue entry, pre-rendered because the demo never changes its stock.
    struct Product: Sendable {
        var id: Int
        var name: String
        var price: String

        var json: String { "{\"id\":\(id),\"name\":\"\(name)\",\"price\":\(price)}" }
    }

    static let products = [
        Product(id: 1, name: "Kettle", price: "39.9"),
        Product(id: 2, name: "Teapot", price: "24.5"),
        Product(id: 3, name: "Mug", price: "9.9"),
    ]

    let version: String
    let servedBy: String
    /// The cart's base latency: the one place where green is deliberately slower than blue.
    let cartDelay: Duration

    /// What the shop answers to `request`.
    func behavior(for request: FixtureRequest) -> FixtureBehavior {
        guard request.method == "GET" || request.method == "HEAD" else { return notFound() }
        let path = request.path
        switch path {
        case "/health":
            return .respond(
                .json(
                    "{\"status\":\"UP\",\"version\":\"\(version)\",\"checks\":{\"db\":\"UP\",\"cache\":\"UP\"}}",
                    delay: jittered(.milliseconds(2))
                ).served(by: self)
            )
        case "/":
            return .respond(.html(homePage, delay: jittered(.milliseconds(5))).served(by: self))
        case "/api/products":
            let items = Self.products.map(\.json).joined(separator: ",")
            return .respond(
                .json("{\"items\":[\(items)],\"total\":\(Self.products.count)}", delay: jittered(.milliseconds(8)))
                    .served(by: self)
            )
        case "/api/cart":
            return .respond(.json("{\"items\":[],\"currency\":\"EUR\"}", delay: jittered(cartDelay)).served(by: self))
        case "/feed.xml":
            var feed = FixtureResponse.typed(
                "application/rss+xml; charset=utf-8",
                rssFeed,
                status: 200,
                delay: jittered(.milliseconds(4))
            )
            feed.headers.append((name: "Cache-Control", value: "max-age=300"))
            return .respond(feed.served(by: self))
        case "/old-home":
            let moved = FixtureResponse(
                status: 301,
                headers: [(name: "Location", value: "/")],
                delay: jittered(.milliseconds(1))
            )
            return .respond(moved.served(by: self))
        default:
            if path.hasPrefix("/api/products/"), let id = Int(path.dropFirst("/api/products/".count)),
                let product = Self.products.first(where: { $0.id == id })
            {
                return .respond(.json(product.json, delay: jittered(.milliseconds(6))).served(by: self))
            }
            return notFound()
        }
    }

    private func notFound() -> FixtureBehavior {
        .respond(.json("{\"error\":\"not found\"}", status: 404, delay: jittered(.milliseconds(1))).served(by: self))
    }

    /// `base` plus 0–20 % of it, so latency percentiles spread like a real service's.
    private func jittered(_ base: Duration) -> Duration {
        base + base * Double.random(in: 0...0.2)
    }

    private var homePage: String {
        let items = Self.products.map { "<li>\($0.name) (\($0.price) EUR)</li>" }
        return """
            <!DOCTYPE html><html><head><title>Smokegate Shop</title></head><body>\
            <h1 id="greeting">Welcome to Smokegate Shop</h1>\
            <ul class="products">\(items.joined())</ul>\
            <footer>v\(version)</footer></body></html>
            """
    }

    private var rssFeed: String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Smokegate Shop</title><link>/</link>\
        <description>New in the shop</description>\
        <item><title>Kettle back in stock</title><link>/api/products/1</link></item>\
        <item><title>Release \(version)</title><link>/</link></item>\
        </channel></rss>
        """
    }
}

extension FixtureResponse {
    /// This response stamped with the shop's deployment headers.
    fileprivate func served(by shop: DemoShop) -> FixtureResponse {
        var stamped = self
        stamped.headers.append((name: "X-Version", value: shop.version))
        stamped.headers.append((name: "X-Served-By", value: shop.servedBy))
        stamped.headers.append((name: "Server", value: "smokegate-demo"))
        return stamped
    }
}
