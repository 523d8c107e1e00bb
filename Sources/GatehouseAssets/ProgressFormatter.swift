/// Text for a build's progress: a one-line bar for terminals, one plain line per file otherwise. Pure.
public enum ProgressFormatter {
    /// `[########------------]  12/40 files  1.2 MB/3.4 MB  ETA 3s`, fitted to `width` columns.
    public static func bar(_ p: AssetBuildProgress, width: Int = 80) -> String {
        let eta = p.done >= p.total ? "done" : p.estimatedSecondsLeft.map { "ETA \(Int($0.rounded(.up)))s" } ?? "ETA --"
        let tail = "  \(p.done)/\(p.total) files  \(ByteCountFormatter.format(p.bytesDone))/\(ByteCountFormatter.format(p.bytesTotal))  \(eta)"
        let barWidth = max(10, min(40, width - tail.count - 2))
        let fraction = p.bytesTotal > 0 ? Double(p.bytesDone) / Double(p.bytesTotal) : (p.total > 0 ? Double(p.done) / Double(p.total) : 1)
        let filled = min(barWidth, Int((fraction * Double(barWidth)).rounded(.down)))
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled) + "]" + tail
    }

    /// `compressed css/site.css 12.3 KB -> br 3.1 KB, gzip 3.9 KB` (or `cached …`, or `… not kept`).
    public static func line(_ p: AssetBuildProgress) -> String {
        func variant(_ name: String, _ size: Int64?) -> String {
            size.map { "\(name) \(ByteCountFormatter.format($0))" } ?? "\(name) not kept"
        }
        return "\(p.fromCache ? "cached    " : "compressed") \(p.path) \(ByteCountFormatter.format(p.size)) -> "
            + variant("br", p.brotliSize) + ", " + variant("gzip", p.gzipSize)
    }
}
