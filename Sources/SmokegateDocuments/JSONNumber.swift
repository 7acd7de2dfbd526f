/// A JSON number: its `Double` value plus the literal text it was written as.
///
/// Equality, hashing and ordering use the exact decimal value of the literal, so `1`, `1.0` and
/// `1e0` are equal while `12345678901234567890` and `12345678901234567891` (the same `Double`)
/// are not. A number built from a non-finite `Double` has no decimal form and equals only a
/// number with the same bit pattern.
public struct JSONNumber: Sendable, Hashable, Comparable, CustomStringConvertible,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral
{
    /// The nearest `Double`; `±infinity` when the literal is out of range (for example `1e400`).
    public let value: Double
    /// The number as written in the document, or Swift's shortest round-trip text for a `Double`.
    public let literal: String

    /// Wraps a `Double`; integral values within ±2^53 print without a fraction ("200", not "200.0").
    public init(_ value: Double) {
        self.value = value
        if value.isFinite, value == value.rounded(.towardZero), abs(value) < 0x1p53 {
            self.literal = value.sign == .minus && value == 0 ? "-0" : String(Int64(value))
        } else {
            self.literal = value.description
        }
    }

    /// Wraps an integer exactly; the `Double` value is the nearest one.
    public init(_ value: Int) {
        self.value = Double(value)
        self.literal = String(value)
    }

    /// Parses `literal` with the RFC 8259 number grammar (no leading `+`, no leading zeros, no
    /// bare `.`); `nil` when it does not match.
    public init?(literal: String) {
        let bytes = Array(literal.utf8)
        guard JSONNumber.decimal(of: bytes[...]) != nil, let value = Double(literal) else {
            return nil
        }
        self.value = value
        self.literal = literal
    }

    /// Creates an integer-valued number.
    public init(integerLiteral value: Int) {
        self.init(value)
    }

    /// Creates a number from a floating-point literal.
    public init(floatLiteral value: Double) {
        self.init(value)
    }

    /// The parser has already checked the grammar, so the literal is trusted here.
    init(validatedLiteral literal: String, value: Double) {
        self.literal = literal
        self.value = value
    }

    /// The literal text.
    public var description: String { literal }

    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if lhs.literal == rhs.literal { return true }
        switch (lhs.exactDecimal, rhs.exactDecimal) {
        case let (left?, right?): return left == right
        case (nil, nil): return lhs.value.bitPattern == rhs.value.bitPattern
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        if let decimal = exactDecimal {
            hasher.combine(decimal)
        } else {
            hasher.combine(value.bitPattern)
        }
    }

    public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        guard let left = lhs.exactDecimal, let right = rhs.exactDecimal else {
            return lhs.value < rhs.value
        }
        return left < right
    }

    /// The literal as an exact decimal; `nil` for non-finite numbers built from a `Double`.
    var exactDecimal: ExactDecimal? {
        JSONNumber.decimal(of: Array(literal.utf8)[...])
    }

    /// Parses the RFC 8259 number grammar into sign, significant digits and exponent.
    static func decimal(of bytes: ArraySlice<UInt8>) -> ExactDecimal? {
        var index = bytes.startIndex
        var negative = false
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        let integerStart = index
        while index < bytes.endIndex, bytes[index].isASCIIDigit { index += 1 }
        let integerDigits = bytes[integerStart..<index]
        guard !integerDigits.isEmpty else { return nil }
        if integerDigits.count > 1, integerDigits.first == UInt8(ascii: "0") { return nil }
        var fractionDigits = bytes[index..<index]
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
            let fractionStart = index + 1
            index = fractionStart
            while index < bytes.endIndex, bytes[index].isASCIIDigit { index += 1 }
            fractionDigits = bytes[fractionStart..<index]
            guard !fractionDigits.isEmpty else { return nil }
        }
        var exponent = 0
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            let exponentStart = index
            while index < bytes.endIndex, bytes[index].isASCIIDigit {
                // Saturate: an exponent this large is absurd, and overflow must not trap.
                if exponent < 1_000_000_000 {
                    exponent = exponent * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                }
                index += 1
            }
            guard index > exponentStart else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        guard index == bytes.endIndex else { return nil }
        var digits = Array(integerDigits) + Array(fractionDigits)
        exponent -= fractionDigits.count
        let firstSignificant = digits.firstIndex { $0 != UInt8(ascii: "0") } ?? digits.endIndex
        digits.removeSubrange(..<firstSignificant)
        while digits.last == UInt8(ascii: "0") {
            digits.removeLast()
            exponent += 1
        }
        if digits.isEmpty {
            return ExactDecimal(negative: false, digits: [], exponent: 0)
        }
        return ExactDecimal(negative: negative, digits: digits, exponent: exponent)
    }
}

/// A decimal `±digits × 10^exponent` with no leading or trailing zero digits; zero has no digits.
struct ExactDecimal: Hashable, Comparable {
    var negative: Bool
    var digits: [UInt8]
    var exponent: Int

    static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        let leftSign = lhs.digits.isEmpty ? 0 : (lhs.negative ? -1 : 1)
        let rightSign = rhs.digits.isEmpty ? 0 : (rhs.negative ? -1 : 1)
        if leftSign != rightSign { return leftSign < rightSign }
        if leftSign == 0 { return false }
        let magnitudeLess = lessInMagnitude(lhs, rhs)
        let magnitudeEqual = !magnitudeLess && !lessInMagnitude(rhs, lhs)
        if magnitudeEqual { return false }
        return leftSign > 0 ? magnitudeLess : !magnitudeLess
    }

    /// Compares |lhs| < |rhs| for non-zero values: first by the position of the leading digit,
    /// then digit by digit.
    private static func lessInMagnitude(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> Bool {
        let leftOrder = lhs.digits.count + lhs.exponent
        let rightOrder = rhs.digits.count + rhs.exponent
        if leftOrder != rightOrder { return leftOrder < rightOrder }
        for position in 0..<max(lhs.digits.count, rhs.digits.count) {
            let left = position < lhs.digits.count ? lhs.digits[position] : UInt8(ascii: "0")
            let right = position < rhs.digits.count ? rhs.digits[position] : UInt8(ascii: "0")
            if left != right { return left < right }
        }
        return false
    }
}
