import Foundation

/// The points an SVG chart draws, read back from its XML, to check they lie within its viewBox. Knows the path
/// commands the drawing code writes (M L H V absolute, h v l relative, z).
struct SVGGeometry {
    var viewBox: (width: Double, height: Double)
    var points: [(x: Double, y: Double, element: String)] = []

    init(_ svg: String) throws {
        let probe = MarkupProbe(svg)
        let box = try probe.string("/*[local-name()='svg']/@viewBox").split(separator: " ").compactMap { Double($0) }
        guard box.count == 4, box[0] == 0, box[1] == 0 else { throw GeometryError(message: "viewBox \(box)") }
        viewBox = (box[2], box[3])
        func numbers(_ element: String, _ attribute: String) throws -> [Double] {
            try probe.strings("//*[local-name()='\(element)']/@\(attribute)").map { text in
                guard let value = Double(text) else { throw GeometryError(message: "\(element)/@\(attribute) = \(text)") }
                return value
            }
        }
        for (x, y, width, height) in try zip4(numbers("rect", "x"), numbers("rect", "y"), numbers("rect", "width"), numbers("rect", "height")) {
            guard width >= 0, height >= 0 else { throw GeometryError(message: "negative rect size \(width)×\(height)") }
            points += [(x, y, "rect"), (x + width, y + height, "rect")]
        }
        for (x, y, r) in zip(zip(try numbers("circle", "cx"), try numbers("circle", "cy")), try numbers("circle", "r")).map({ ($0.0, $0.1, $1) }) {
            points += [(x - r, y - r, "circle"), (x + r, y + r, "circle")]
        }
        for (x, y) in zip(try numbers("text", "x"), try numbers("text", "y")) { points.append((x, y, "text")) }
        for (x1, y1, x2, y2) in try zip4(numbers("line", "x1"), numbers("line", "y1"), numbers("line", "x2"), numbers("line", "y2")) {
            points += [(x1, y1, "line"), (x2, y2, "line")]
        }
        for d in try probe.strings("//*[local-name()='path']/@d") { points += try Self.pathPoints(d).map { ($0.x, $0.y, "path") } }
    }

    /// Points drawn outside the viewBox (a tolerance of 0.01 for rounding).
    var outside: [(x: Double, y: Double, element: String)] {
        points.filter { $0.x < -0.01 || $0.y < -0.01 || $0.x > viewBox.width + 0.01 || $0.y > viewBox.height + 0.01 }
    }

    /// Absolute points of a path in the subset the charts write.
    static func pathPoints(_ d: String) throws -> [(x: Double, y: Double)] {
        var tokens: [String] = []
        var number = ""
        for character in d {
            if character.isLetter {
                if !number.isEmpty { tokens.append(number); number = "" }
                tokens.append(String(character))
            } else if character == " " || character == "," {
                if !number.isEmpty { tokens.append(number); number = "" }
            } else if character == "-" && !number.isEmpty {
                tokens.append(number)
                number = "-"
            } else {
                number.append(character)
            }
        }
        if !number.isEmpty { tokens.append(number) }
        var points: [(x: Double, y: Double)] = []
        var current = (x: 0.0, y: 0.0), start = (x: 0.0, y: 0.0)
        var index = 0
        func next() throws -> Double {
            guard index < tokens.count, let value = Double(tokens[index]) else { throw GeometryError(message: "bad path \(d)") }
            index += 1
            return value
        }
        while index < tokens.count {
            let command = tokens[index]
            index += 1
            switch command {
            case "M": current = (try next(), try next()); start = current
            case "L": current = (try next(), try next())
            case "H": current.x = try next()
            case "V": current.y = try next()
            case "h": current.x += try next()
            case "v": current.y += try next()
            case "l": let dx = try next(), dy = try next(); current = (current.x + dx, current.y + dy)
            case "z", "Z": current = start
            default: throw GeometryError(message: "unexpected path command \(command) in \(d)")
            }
            points.append(current)
        }
        return points
    }

    struct GeometryError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

private func zip4(_ a: [Double], _ b: [Double], _ c: [Double], _ d: [Double]) throws -> [(Double, Double, Double, Double)] {
    guard a.count == b.count, b.count == c.count, c.count == d.count else {
        throw SVGGeometry.GeometryError(message: "elements lack coordinates: \(a.count) \(b.count) \(c.count) \(d.count)")
    }
    return a.indices.map { (a[$0], b[$0], c[$0], d[$0]) }
}
