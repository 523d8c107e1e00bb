import Foundation
import NIOConcurrencyHelpers

/// One finished exchange, as the access log records it.
public struct AccessLogRecord: Sendable {
    public var remoteAddress: String
    public var method: String
    public var uri: String
    public var version: String
    public var status: Int
    public var bodyBytes: Int64
    public var referer: String
    public var userAgent: String
    public var durationSeconds: Double
    public var requestID: String
    /// Why an upstream exchange failed (`connect_refused`, `read_timeout`, …), or empty.
    public var upstreamReason: String
    /// Cache outcome (`HIT`, `MISS`, …), or empty.
    public var cacheStatus: String
}

/// Writes access-log lines without blocking an event loop: loops append to an in-memory queue under a lock;
/// one background thread writes the queue out (at most every 100 ms, or at once when it grows large).
public final class AccessLog: @unchecked Sendable {
    private let format: AccessLogFormat
    private let handle: FileHandle
    private let ownsHandle: Bool
    private let pending = NIOLockedValueBox<(lines: [String], stopped: Bool)>(([], false))
    private let wakeup = ConditionLock(value: 0)
    private var thread: Thread?

    /// Opens `path` ("-" for standard output) for appending and starts the writer thread.
    public init(path: String, format: AccessLogFormat) throws {
        self.format = format
        if path == "-" {
            self.handle = FileHandle.standardOutput
            self.ownsHandle = false
        } else {
            if !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil) else {
                    throw AccessLogError(path: path, problem: "cannot create the access log file")
                }
            }
            guard let h = FileHandle(forWritingAtPath: path) else {
                throw AccessLogError(path: path, problem: "cannot open the access log for writing")
            }
            h.seekToEndOfFile()
            self.handle = h
            self.ownsHandle = true
        }
        let thread = Thread { [weak self] in self?.run() }
        thread.name = "gatehouse-access-log"
        self.thread = thread
        thread.start()
    }

    /// Queues one record; never blocks on I/O.
    public func log(_ record: AccessLogRecord) {
        let line = format == .json ? Self.json(record) : Self.combined(record)
        let count = pending.withLockedValue { state -> Int in
            state.lines.append(line)
            return state.lines.count
        }
        if count == 1 || count >= 256 { signal() }
    }

    /// Writes what is queued and stops the writer thread.
    public func close() {
        pending.withLockedValue { $0.stopped = true }
        signal()
        while thread?.isFinished == false { usleep(1000) }
        if ownsHandle { try? handle.close() }
    }

    private func signal() {
        wakeup.lock()
        wakeup.unlock(withValue: 1)
    }

    private func run() {
        while true {
            if wakeup.lock(whenValue: 1, timeoutSeconds: 0.1) { wakeup.unlock(withValue: 0) }
            let (lines, stopped) = pending.withLockedValue { state -> ([String], Bool) in
                defer { state.lines.removeAll(keepingCapacity: true) }
                return (state.lines, state.stopped)
            }
            if !lines.isEmpty {
                let text = lines.joined(separator: "\n") + "\n"
                handle.write(Data(text.utf8))
            }
            if stopped { return }
        }
    }

    static func combined(_ r: AccessLogRecord) -> String {
        func q(_ s: String) -> String { s.isEmpty ? "-" : s.replacingOccurrences(of: "\"", with: "\\x22") }
        var line = "\(r.remoteAddress) - - [\(DateCache.accessLogTime())] \"\(r.method) \(q(r.uri)) \(r.version)\" "
        line += "\(r.status) \(r.bodyBytes) \"\(q(r.referer))\" \"\(q(r.userAgent))\""
        line += " rt=\(String(format: "%.3f", r.durationSeconds)) id=\(r.requestID)"
        if !r.upstreamReason.isEmpty { line += " upstream_error=\(r.upstreamReason)" }
        if !r.cacheStatus.isEmpty { line += " cache=\(r.cacheStatus)" }
        return line
    }

    static func json(_ r: AccessLogRecord) -> String {
        var obj: [String: Any] = [
            "time": ISO8601DateFormatter().string(from: Date()), "remote_addr": r.remoteAddress, "method": r.method,
            "uri": r.uri, "protocol": r.version, "status": r.status, "body_bytes": r.bodyBytes,
            "referer": r.referer, "user_agent": r.userAgent, "request_time": r.durationSeconds,
            "request_id": r.requestID,
        ]
        if !r.upstreamReason.isEmpty { obj["upstream_error"] = r.upstreamReason }
        if !r.cacheStatus.isEmpty { obj["cache"] = r.cacheStatus }
        let data = (try? JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// The access log could not be opened.
public struct AccessLogError: Error, CustomStringConvertible {
    public var path: String
    public var problem: String
    public var description: String { "\(path): \(problem)" }
}
