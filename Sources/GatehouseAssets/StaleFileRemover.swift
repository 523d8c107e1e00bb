/// Removes files of earlier builds from OUT: only files a previous manifest listed (never anything else a user
/// keeps there), and temporary files of crashed builds. Directories left empty are removed too.
struct StaleFileRemover {
    /// Absolute OUT.
    var root: String

    /// Removes the given relative paths; returns how many files were removed.
    func remove(_ paths: Set<String>) -> Int {
        var count = 0
        for path in paths.sorted() {
            // A manifest is data from disk: never follow a path out of OUT.
            guard !path.isEmpty, !path.hasPrefix("/"), !path.split(separator: "/").contains(".."),
                  path != "gatehouse-manifest.json" else { continue }
            let absolute = root + "/" + path
            guard let status = try? FileSystem.status(absolute, followLinks: false), case .regular = status.kind else { continue }
            if (try? FileSystem.remove(absolute)) != nil { count += 1 }
            var dir = PathUtilities.directory(path)
            while !dir.isEmpty, FileSystem.removeDirectoryIfEmpty(root + "/" + dir) { dir = PathUtilities.directory(dir) }
        }
        return count
    }

    /// Removes `.gh-tmp-*` files anywhere under OUT except in `skipping` (the cache cleans its own).
    func removeTemporaryLeftovers(skipping: String) {
        func walk(_ dir: String) {
            guard dir != skipping, let names = try? FileSystem.list(dir) else { return }
            for name in names {
                let path = dir + "/" + name
                guard let status = try? FileSystem.status(path, followLinks: false) else { continue }
                switch status.kind {
                case .directory: walk(path)
                case .regular where TemporaryName.isTemporary(name): try? FileSystem.remove(path)
                default: continue
                }
            }
        }
        walk(root)
    }
}
