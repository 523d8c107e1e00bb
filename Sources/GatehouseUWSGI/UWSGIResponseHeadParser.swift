import NIOHTTP1

/// Parses the head of a uWSGI response: a status line `HTTP/1.x NNN reason` or, CGI style, no status line and a
/// `Status: NNN reason` header (else `Location` → 302, else 200), then `name: value` header lines.
///
/// Input is the head without its final empty line: lines separated by CRLF. Peer input never traps: anything
/// malformed throws `UWSGIResponseError`.
public enum UWSGIResponseHeadParser {
    /// Parses `bytes` (status line and header lines, CRLF-separated, without the terminating empty line).
    public static func parse<C: Collection>(_ bytes: C) throws -> HTTPResponseHead where C.Element == UInt8 {
        let lines = try splitLines(Array(bytes))
        guard let first = lines.first else { throw UWSGIResponseError(.invalidStatusLine) }
        if first.starts(with: Array("HTTP/".utf8)) {
            let (version, status) = try parseStatusLine(first)
            var headers = HTTPHeaders()
            for line in lines.dropFirst() { try appendHeader(line, to: &headers) }
            return HTTPResponseHead(version: version, status: status, headers: headers)
        }
        // CGI style: every line is a header.
        var headers = HTTPHeaders()
        for line in lines { try appendHeader(line, to: &headers) }
        let status: HTTPResponseStatus
        if let value = headers.first(name: "status") {
            status = try parseStatusHeader(value)
            headers.remove(name: "status")
        } else if headers.contains(name: "location") {
            status = .found
        } else {
            status = .ok
        }
        return HTTPResponseHead(version: .http1_1, status: status, headers: headers)
    }

    /// Splits on CRLF; a bare CR or LF anywhere is an error.
    static func splitLines(_ bytes: [UInt8]) throws -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 13 {
                guard i + 1 < bytes.count, bytes[i + 1] == 10 else { throw UWSGIResponseError(.invalidHeader) }
                lines.append(bytes[start..<i])
                i += 2
                start = i
            } else if b == 10 {
                throw UWSGIResponseError(.invalidHeader)
            } else {
                i += 1
            }
        }
        lines.append(bytes[start..<bytes.count])
        return lines
    }

    /// `HTTP/1.0` or `HTTP/1.1`, SP, three digits (200–599), then optionally SP and a reason phrase.
    static func parseStatusLine(_ line: ArraySlice<UInt8>) throws -> (HTTPVersion, HTTPResponseStatus) {
        let bytes = Array(line)
        guard bytes.count >= 12, bytes.starts(with: Array("HTTP/1.".utf8)), bytes[8] == 32 else {
            throw UWSGIResponseError(.invalidStatusLine)
        }
        let version: HTTPVersion
        switch bytes[7] {
        case UInt8(ascii: "0"): version = .http1_0
        case UInt8(ascii: "1"): version = .http1_1
        default: throw UWSGIResponseError(.invalidStatusLine)
        }
        guard let code = statusCode(bytes[9..<12]) else { throw UWSGIResponseError(.invalidStatusLine) }
        var reason = ""
        if bytes.count > 12 {
            guard bytes[12] == 32 else { throw UWSGIResponseError(.invalidStatusLine) }
            let phrase = bytes[13...]
            guard phrase.allSatisfy(isFieldValueByte) else { throw UWSGIResponseError(.invalidStatusLine) }
            reason = String(decoding: phrase, as: UTF8.self)
        }
        return (version, HTTPResponseStatus(statusCode: code, reasonPhrase: reason))
    }

    /// A CGI `Status:` value: three digits (200–599), optionally followed by SP and a reason phrase.
    static func parseStatusHeader(_ value: String) throws -> HTTPResponseStatus {
        let bytes = Array(value.utf8)
        guard bytes.count >= 3, let code = statusCode(bytes[0..<3]) else {
            throw UWSGIResponseError(.invalidStatusHeader)
        }
        if bytes.count == 3 { return HTTPResponseStatus(statusCode: code) }
        guard bytes[3] == 32 else { throw UWSGIResponseError(.invalidStatusHeader) }
        return HTTPResponseStatus(statusCode: code, reasonPhrase: String(decoding: bytes[4...], as: UTF8.self))
    }

    /// Three ASCII digits forming a final status (200–599); 1xx responses are not meaningful from uWSGI.
    static func statusCode(_ digits: ArraySlice<UInt8>) -> Int? {
        var code = 0
        for d in digits {
            guard d >= UInt8(ascii: "0") && d <= UInt8(ascii: "9") else { return nil }
            code = code * 10 + Int(d - UInt8(ascii: "0"))
        }
        return (200...599).contains(code) ? code : nil
    }

    /// `token ":" OWS value OWS` — no whitespace before the colon, no obs-fold, no control bytes in the value.
    static func appendHeader(_ line: ArraySlice<UInt8>, to headers: inout HTTPHeaders) throws {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else {
            throw UWSGIResponseError(.invalidHeader)
        }
        let name = line[line.startIndex..<colon]
        guard name.allSatisfy(isTokenByte) else { throw UWSGIResponseError(.invalidHeader) }
        var value = line[line.index(after: colon)...]
        while let f = value.first, f == 32 || f == 9 { value = value.dropFirst() }
        while let l = value.last, l == 32 || l == 9 { value = value.dropLast() }
        guard value.allSatisfy(isFieldValueByte) else { throw UWSGIResponseError(.invalidHeader) }
        headers.add(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
    }

    /// RFC 9110 `tchar`.
    static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case 33, 35...39, 42, 43, 45, 46, 94...96, 124, 126:  // ! # $ % & ' * + - . ^ _ ` | ~
            return true
        default:
            return false
        }
    }

    /// HTAB, SP, visible ASCII and obs-text (0x80–0xFF).
    static func isFieldValueByte(_ b: UInt8) -> Bool {
        b == 9 || b == 32 || (b >= 0x21 && b != 0x7F)
    }
}
