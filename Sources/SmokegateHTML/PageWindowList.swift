/// Downtime windows listed under a timeline, folded behind their summary: the status page's rows and the report's
/// watch targets show them alike.
struct PageWindowList {
    var summary: PageText
    var items: [PageText]
}
