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
    /// When the exchange finished (wall clock, seconds since the epoch); lines are formatted later, on the
    /// writer thread, so the time is taken here.
    public var finishedAt: Double = Date().timeIntervalSince1970
}

/// Writes access-log lines without blocking an event loop: loops append records to an in-memory queue under a
/// lock; one background thread formats them (combined or JSON) and writes the queue out (at most every 100 ms, or
/// at once when it grows large). No formatting, date conversion or JSON encoding happens on an event loop.
public final class AccessLog: @unchecked Sendable {
    private let format: AccessLogFormat
    private let handle: FileHandle
    private let ownsHandle: Bool
    private let pending = NIOLockedValueBox<(records: [AccessLogRecord], stopped: Bool)>(([], false))
    private let wakeup = ConditionLock(value: 0)
    private var thread: Thread?
    /// Used only on the writer thread.
    private let isoFormatter = ISO8601DateFormatter()

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
        let count = pending.withLockedValue { state -> Int in
            state.records.append(record)
            return state.records.count
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
            let (records, stopped) = pending.withLockedValue { state -> ([AccessLogRecord], Bool) in
                defer { state.records.removeAll(keepingCapacity: true) }
                return (state.records, state.stopped)
            }
            if !records.isEmpty {
                let lines = records.map { format == .json ? Self.json($0, formatter: isoFormatter) : Self.combined($0) }
                let text = lines.joined(separator: "\n") + "\n"
                handle.write(Data(text.utf8))
            }
            if stopped { return }
        }
    }

    static func combined(_ r: AccessLogRecord) -> String {
        func q(_ s: String) -> String { s.isEmpty ? "-" : s.replacingOccurrences(of: "\"", with: "\\x22") }
        var line = "\(r.remoteAddress) - - [\(DateCache.accessLogTime(r.finishedAt))] \"\(r.method) \(q(r.uri)) \(r.version)\" "
        line += "\(r.status) \(r.bodyBytes) \"\(q(r.referer))\" \"\(q(r.userAgent))\""
        line += " rt=\(String(format: "%.3f", r.durationSeconds)) id=\(r.requestID)"
        if !r.upstreamReason.isEmpty { line += " upstream_error=\(r.upstreamReason)" }
        if !r.cacheStatus.isEmpty { line += " cache=\(r.cacheStatus)" }
        return line
    }

    static func json(_ r: AccessLogRecord, formatter: ISO8601DateFormatter = ISO8601DateFormatter()) -> String {
        var obj: [String: Any] = [
            "time": formatter.string(from: Date(timeIntervalSince1970: r.finishedAt)), "remote_addr": r.remoteAddress, "method": r.method,
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
