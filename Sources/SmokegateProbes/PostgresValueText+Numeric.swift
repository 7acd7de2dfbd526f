import NIOCore

extension PostgresValueText {
    /// `numeric` exactly as `numeric_out` writes it: every digit up to the value's display scale, no rounding.
    ///
    /// The binary form is a count of base-10000 digits, the weight (power of 10000) of the first one, a sign
    /// word and the display scale, then the digits.
    static func numericText(_ buffer: inout ByteBuffer) -> String? {
        guard let (count, weight, sign, scale) = buffer.readMultipleIntegers(as: (Int16, Int16, UInt16, Int16).self),
              count >= 0, scale >= 0
        else { return nil }
        var digits: [Int] = []
        digits.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let digit = buffer.readInteger(as: Int16.self), (0..<10000).contains(digit) else { return nil }
            digits.append(Int(digit))
        }
        switch sign {
        case 0x0000, 0x4000:
            break
        case 0xC000:
            return "NaN"
        case 0xD000:
            return "Infinity"
        case 0xF000:
            return "-Infinity"
        default:
            return nil
        }
        func digit(at index: Int) -> Int {
            digits.indices.contains(index) ? digits[index] : 0
        }
        var text = sign == 0x4000 ? "-" : ""
        if weight < 0 {
            text += "0"
        } else {
            text += String(digit(at: 0))
            for index in stride(from: 1, through: Int(weight), by: 1) {
                text += fourDigits(digit(at: index))
            }
        }
        if scale > 0 {
            var fraction = ""
            var index = Int(weight) + 1
            while fraction.count < Int(scale) {
                fraction += fourDigits(digit(at: index))
                index += 1
            }
            text += "." + fraction.prefix(Int(scale))
        }
        return text
    }

    private static func fourDigits(_ value: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
