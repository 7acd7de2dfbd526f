/// The demo suites built into the binary, so `smokegate demo` works from any directory.
///
/// Byte-for-byte copies of `checks/demo.yml` and `checks/cutover.yml`; a test keeps them equal (`make demo-suite`
/// regenerates this file).
public enum DemoSuite {
    public static let yaml = #"""
# The embedded demo. `smokegate demo` starts a small shop twice on loopback, blue (v1.4.2) and
# green (v1.5.0), and runs this suite against both. Green's cart is slower: the comparison catches it.
# Copy this file as a starting point; docs/config.md documents every key.
suite: demo

# Where the two shops listen. `smokegate demo` starts them on free loopback ports and passes their addresses in
# place of these; to run this suite against your own services, pass --var demo_blue_url=https://… and so on.
vars:
  demo_blue_url: http://127.0.0.1:18081
  demo_green_url: http://127.0.0.1:18082
  demo_blue_cache: 127.0.0.1:16381
  demo_green_cache: 127.0.0.1:16382

environments:
  blue:
    base_url: "{{demo_blue_url}}"
    expect_version: 1.4.2
    headers:
      User-Agent: smokegate-demo
    vars:
      version: 1.4.2
      cache: "{{demo_blue_cache}}"
  green:
    base_url: "{{demo_green_url}}"
    expect_version: 1.5.0
    headers:
      User-Agent: smokegate-demo
    vars:
      version: 1.5.0
      cache: "{{demo_green_cache}}"

# Applied to every check below unless the check says otherwise.
defaults:
  timeout: 2s
  samples: 20

# The usual canary thresholds that block a promotion, per environment over all its probes.
gates:
  - error_rate < 1%
  - p95 < 250ms

# Is green at least as good as blue? Check by check: a latency regression must exceed 20% and 10ms and be
# significant (one-sided Mann-Whitney U on every sample, or an exact test of the slowest ones above blue's
# percentile), p < 0.05 after Holm's correction for every test of the run; errors may not rise by more than 1
# point (Fisher). docs/comparison.md explains the rule.
compare:
  baseline: blue
  candidate: green
  relative_margin: 20%
  absolute_margin: 10ms
  error_margin: 1%
  significance: 0.05

# How `smokegate demo --serve` (or `smokegate serve checks/demo.yml`) probes: each check in each environment every
# 2s, and /api/v1/verdict judges the gates over the last minute unless asked for another span. docs/serve.md.
serve:
  every: 2s
  verdict_span: 1m

checks:
  - name: health
    tags: [critical]
    http: GET /health
    # Which version answered each sample; every one must be the environment's expect_version.
    version_from: header X-Version
    expect:
      status: 200
      headers:
        Content-Type: { contains: application/json }
      json:
        $.status: UP
        $.version: "{{version}}"
        $.checks.db: UP
      max_latency: 250ms

  - name: home page
    http: GET /
    expect:
      body: Welcome to Smokegate Shop
      html:
        //title: Smokegate Shop
        count(//ul[@class='products']/li): 3
        //h1[@id='greeting']: { exists: true }

  - name: product list
    http: GET /api/products
    expect:
      json:
        $.items: { length: 3 }
        $.items[0].name: Kettle
        $.items[?(@.price < 10)].name: [Mug]
        $.total: { gte: 1 }
      latency: p95 < 250ms

  - name: cart
    tags: [critical]
    samples: 40
    interval: 10ms
    http:
      url: /api/cart
      headers:
        Accept: application/json
    expect:
      json:
        $.currency: EUR
      latency: [p95 < 200ms, p99 < 250ms]

  - name: unknown product is a 404
    http: GET /api/products/999
    expect:
      status: 404
      json:
        $.error: not found

  - name: rss feed
    http: GET /feed.xml
    expect:
      headers:
        Content-Type: { matches: "^application/rss\\+xml" }
      xpath:
        /rss/channel/title: Smokegate Shop
        count(//item): 2

  - name: old home redirects
    http:
      url: /old-home
      follow_redirects: false
    expect:
      status: 301
      headers:
        Location: /

  - name: cache answers
    tcp:
      address: "{{cache}}"
      send: "PING\r\n"
      expect: PONG
    expect:
      reply: READY shop-cache
      max_latency: 250ms

"""#

    public static let cutoverYAML = #"""
# The demo's cutover watch. `smokegate demo` ends by switching its public route from blue (1.4.2) to
# green (1.5.0) with a brief outage, and watches the route, blue and green directly through this suite.
# For your own cutover, point the three base URLs at your route and backends and run
#   smokegate watch checks/cutover.yml --interval 100ms --duration 10m --until "version 1.5.0 for 30s"
# docs/watch.md explains windows, the cutover and the gates.
suite: cutover

# `smokegate demo` passes the addresses of its route and shops in place of these.
vars:
  demo_route_url: http://127.0.0.1:18080
  demo_blue_url: http://127.0.0.1:18081
  demo_green_url: http://127.0.0.1:18082

environments:
  route:
    base_url: "{{demo_route_url}}"
  blue:
    base_url: "{{demo_blue_url}}"
  green:
    base_url: "{{demo_green_url}}"

watch:
  interval: 50ms
  duration: 3s
  gates:
    downtime: 0s              # the promise of blue/green: not one failed probe
    cutover_window: "< 5s"    # old and new may answer side by side this long at most

checks:
  - name: health
    http:
      url: /health
      timeout: 1s
    expect:
      status: 200
    version_from: json $.version

"""#
}
