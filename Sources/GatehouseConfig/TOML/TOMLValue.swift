/// One TOML value together with the line it starts on.
///
/// Tables and arrays of tables become `.table` and `.array` of `.table`; TOML makes no difference between
/// `[[a]]` and `a = [{…}]`, and neither does this type.
public struct TOMLValue: Sendable, Equatable {
    /// The value's type and payload.
    public enum Kind: Sendable, Equatable {
        case string(String)
        case integer(Int64)
        case float(Double)
        case boolean(Bool)
        case array([TOMLValue])
        case table(TOMLTable)
    }

    /// The value itself.
    public var kind: Kind
    /// The 1-based line where the value starts in the source text.
    public var line: Int

    /// Creates a value that starts on `line`.
    public init(_ kind: Kind, line: Int) {
        self.kind = kind
        self.line = line
    }

    /// A short rendering for messages such as `got true`: scalars as written in TOML, containers by kind.
    public var shortDescription: String {
        switch kind {
        case .string(let s): return "\"\(TOMLValue.escapeForMessage(s))\""
        case .integer(let i): return String(i)
        case .float(let d): return d.isNaN ? "nan" : (d.isInfinite ? (d < 0 ? "-inf" : "inf") : String(d))
        case .boolean(let b): return b ? "true" : "false"
        case .array: return "an array"
        case .table: return "a table"
        }
    }

    /// Escapes quotes, backslashes and control characters so a string fits on one message line.
    static func escapeForMessage(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

extension String {
    /// Pads with leading zeros up to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
