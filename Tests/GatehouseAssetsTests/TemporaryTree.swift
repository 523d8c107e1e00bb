import Foundation

/// A scratch directory for pipeline tests, removed at the end.
final class TemporaryTree {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "gatehouse-assets-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func path(_ relative: String) -> String { root + "/" + relative }

    func write(_ relative: String, _ text: String) throws { try write(relative, Data(text.utf8)) }

    func write(_ relative: String, _ data: Data) throws {
        let full = path(relative)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: full))
    }

    func read(_ relative: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path(relative))) }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    /// Every regular file under `relative`, relative to it, sorted (skipping the given top-level names).
    func files(under relative: String, skipping: Set<String> = []) -> [String] {
        let base = path(relative)
        guard let e = FileManager.default.enumerator(atPath: base) else { return [] }
        var out: [String] = []
        while let item = e.nextObject() as? String {
            if skipping.contains(where: { item == $0 || item.hasPrefix($0 + "/") }) { continue }
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + item, isDirectory: &isDir), !isDir.boolValue {
                out.append(item)
            }
        }
        return out.sorted()
    }
}
