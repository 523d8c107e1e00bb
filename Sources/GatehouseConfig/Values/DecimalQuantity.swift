/// A non-negative decimal number as written in a size or duration (`1`, `1.5`, `10_000`), scaled to an integer
/// count of the smallest unit with exact arithmetic and overflow checks.
struct DecimalQuantity {
    var integerDigits: Substring
    var fractionDigits: Substring

    /// Splits a leading number off `text`; returns nil when `text` does not start with a digit.
    static func take(from text: inout Substring) -> DecimalQuantity? {
        let integerEnd = text.firstIndex { !($0.isASCII && ($0.isNumber || $0 == "_")) } ?? text.endIndex
        let integerDigits = text[..<integerEnd]
        guard let first = integerDigits.first, first.isNumber else { return nil }
        var rest = text[integerEnd...]
        var fraction: Substring = ""
        if rest.first == ".", let next = rest.dropFirst().first, next.isASCII, next.isNumber {
            rest = rest.dropFirst()
            let fractionEnd = rest.firstIndex { !($0.isASCII && $0.isNumber) } ?? rest.endIndex
            fraction = rest[..<fractionEnd]
            rest = rest[fractionEnd...]
        }
        text = rest
        return DecimalQuantity(integerDigits: integerDigits, fractionDigits: fraction)
    }

    /// `self × unit` as an integer. Returns nil on overflow or malformed underscores; `exact` is false when a
    /// fraction of the smallest unit was dropped.
    func scaled(by unit: Int64) -> (value: Int64, exact: Bool)? {
        guard !integerDigits.hasPrefix("_"), !integerDigits.hasSuffix("_"), !integerDigits.contains("__"),
              let whole = Int64(integerDigits.filter { $0 != "_" }) else { return nil }
        let (product, overflow) = whole.multipliedReportingOverflow(by: unit)
        guard !overflow else { return nil }
        guard !fractionDigits.isEmpty else { return (product, true) }
        guard fractionDigits.count <= 18, let fraction = Int64(fractionDigits) else { return nil }
        var denominator: Int64 = 1
        for _ in 0..<fractionDigits.count { denominator *= 10 }
        // fraction × unit / denominator without overflow: split unit into quotient and remainder by denominator.
        let high = (unit / denominator).multipliedReportingOverflow(by: fraction)
        let low = (unit % denominator).multipliedReportingOverflow(by: fraction)
        guard !high.overflow, !low.overflow else { return nil }
        let part = high.partialValue.addingReportingOverflow(low.partialValue / denominator)
        guard !part.overflow else { return nil }
        let total = product.addingReportingOverflow(part.partialValue)
        guard !total.overflow else { return nil }
        return (total.partialValue, low.partialValue % denominator == 0)
    }
}
