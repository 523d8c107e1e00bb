/// A problem with a value; `line` is set when it is not the value's own line (an element of a multi-line array).
struct ConversionFailure: Error {
    var message: String
    var line: Int?
}

/// Turns one TOML value into a typed setting, or explains why it cannot: `expected a size like "16KiB", got true`.
struct ValueConverter<T> {
    let convert: (TOMLValue) -> Result<T, ConversionFailure>

    init(_ convert: @escaping (TOMLValue) -> Result<T, ConversionFailure>) {
        self.convert = convert
    }

    /// The same conversion followed by a check that returns a problem, or nil when the value is fine.
    func checked(_ problem: @escaping (T) -> String?) -> ValueConverter<T> {
        ValueConverter { value in
            self.convert(value).flatMap { converted in
                problem(converted).map { .failure(ConversionFailure(message: $0)) } ?? .success(converted)
            }
        }
    }

    /// The same conversion followed by a transformation that cannot fail.
    func map<U>(_ transform: @escaping (T) -> U) -> ValueConverter<U> {
        ValueConverter<U> { self.convert($0).map(transform) }
    }

    static func mismatch(_ expected: String, _ value: TOMLValue) -> Result<T, ConversionFailure> {
        .failure(ConversionFailure(message: "expected \(expected), got \(value.shortDescription)"))
    }
}

extension ValueConverter where T == Bool {
    static var bool: ValueConverter<Bool> {
        ValueConverter { value in
            if case .boolean(let b) = value.kind { return .success(b) }
            return mismatch("true or false", value)
        }
    }
}

extension ValueConverter where T == String {
    static var string: ValueConverter<String> {
        ValueConverter { value in
            if case .string(let s) = value.kind { return .success(s) }
            return mismatch("a string", value)
        }
    }

    /// A string that must not be empty.
    static func nonEmptyString(_ what: String) -> ValueConverter<String> {
        string.checked { $0.isEmpty ? "\(what) must not be empty" : nil }
    }
}

extension ValueConverter where T == Int {
    /// An integer within `range`.
    static func integer(_ range: ClosedRange<Int>) -> ValueConverter<Int> {
        ValueConverter { value in
            guard case .integer(let i) = value.kind else { return mismatch("an integer", value) }
            guard let n = Int(exactly: i), range.contains(n) else {
                return .failure(ConversionFailure(message: outOfRange(String(i), range.lowerBound, range.upperBound,
                                                            render: String.init)))
            }
            return .success(n)
        }
    }
}

extension ValueConverter where T == ByteSize {
    /// An integer (bytes) or a string with a binary unit, within `range`.
    static func size(_ range: ClosedRange<Int> = 0...Int.max) -> ValueConverter<ByteSize> {
        ValueConverter { value in
            let size: ByteSize
            switch value.kind {
            case .integer(let i):
                guard i >= 0 else { return .failure(ConversionFailure(message: "a size cannot be negative, got \(i)")) }
                size = ByteSize(bytes: Int(i))
            case .string(let s):
                do { size = try ByteSize(parsing: s) } catch { return .failure(ConversionFailure(message: "\(error)")) }
            default:
                return mismatch("a size like \"16KiB\"", value)
            }
            guard range.contains(size.bytes) else {
                return .failure(ConversionFailure(message: outOfRange(size.description, range.lowerBound, range.upperBound) {
                    ByteSize(bytes: $0).description
                }))
            }
            return .success(size)
        }
    }
}

extension ValueConverter where T == ConfigDuration {
    /// An integer (seconds) or a string with units, at least `minimum`.
    static func duration(atLeast minimum: ConfigDuration = .zero) -> ValueConverter<ConfigDuration> {
        ValueConverter { value in
            let duration: ConfigDuration
            switch value.kind {
            case .integer(let i):
                guard i >= 0 else { return .failure(ConversionFailure(message: "a duration cannot be negative, got \(i)")) }
                let (ns, overflow) = i.multipliedReportingOverflow(by: 1_000_000_000)
                guard !overflow else { return .failure(ConversionFailure(message: "\(i) seconds is too long a duration")) }
                duration = ConfigDuration(nanoseconds: ns)
            case .string(let s):
                do { duration = try ConfigDuration(parsing: s) } catch {
                    return .failure(ConversionFailure(message: "\(error)"))
                }
            default:
                return mismatch("a duration like \"10s\"", value)
            }
            guard duration >= minimum else {
                let bound = minimum.nanoseconds == 1 ? "longer than 0s" : "at least \(minimum)"
                return .failure(ConversionFailure(message: "must be \(bound), got \(duration)"))
            }
            return .success(duration)
        }
    }

    /// A duration that must be more than zero.
    static var positiveDuration: ValueConverter<ConfigDuration> { duration(atLeast: ConfigDuration(nanoseconds: 1)) }
}

extension ValueConverter {
    /// A string parsed by `parse` (which throws `ConfigValueError`); `expected` names the form for type errors.
    static func parsed(_ expected: String, _ parse: @escaping (String) throws -> T) -> ValueConverter<T> {
        ValueConverter { value in
            guard case .string(let s) = value.kind else { return mismatch(expected, value) }
            do {
                return .success(try parse(s))
            } catch {
                return .failure(ConversionFailure(message: "\(error)"))
            }
        }
    }

    /// One of a fixed set of strings.
    static func oneOf(_ options: [(String, T)]) -> ValueConverter<T> {
        let names = options.map { "\"\($0.0)\"" }.joined(separator: ", ")
        return ValueConverter { value in
            guard case .string(let s) = value.kind else { return mismatch("one of \(names)", value) }
            guard let match = options.first(where: { $0.0 == s }) else {
                return mismatch("one of \(names)", value)
            }
            return .success(match.1)
        }
    }

    /// An array whose elements all convert with `element`; with `acceptsSingle`, a lone value means a list of one.
    /// The first bad element is reported, on its own line.
    static func list<E>(of element: ValueConverter<E>, acceptsSingle: Bool = false) -> ValueConverter<[E]>
    where T == [E] {
        ValueConverter { value in
            guard case .array(let items) = value.kind else {
                if acceptsSingle, case .string = value.kind {
                    return element.convert(value).map { [$0] }
                }
                return mismatch("an array", value)
            }
            var out: [E] = []
            for item in items {
                switch element.convert(item) {
                case .success(let converted): out.append(converted)
                case .failure(var failure):
                    failure.line = failure.line ?? item.line
                    return .failure(failure)
                }
            }
            return .success(out)
        }
    }
}

/// `must be between 1 and 65535, got 70000` or `must be at least 0, got -1`.
func outOfRange(_ got: String, _ low: Int, _ high: Int, render: (Int) -> String) -> String {
    if high == Int.max { return "must be at least \(render(low)), got \(got)" }
    return "must be between \(render(low)) and \(render(high)), got \(got)"
}
