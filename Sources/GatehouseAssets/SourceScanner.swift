/// Walks SRC and lists the files to build. Regular files are taken; symlinks inside SRC are followed (a link to a
/// directory is walked like the directory); a link that leads outside SRC, to nothing, or back into one of its
/// own ancestors (a loop) is an error, and so is anything that is not a regular file, a directory or a link to one.
struct SourceScanner {
    /// One file found: where it will be served and where to read it.
    struct Entry: Equatable {
        var path: String
        var absolutePath: String
    }

    /// Canonical absolute path of SRC.
    var root: String
    /// Include names starting with a dot.
    var includeDotfiles: Bool

    /// All files under `root`, sorted by relative path.
    func scan() throws -> [Entry] {
        var entries: [Entry] = []
        try walk(root, relative: "", ancestors: [root], into: &entries)
        return entries.sorted { $0.path < $1.path }
    }

    private func walk(_ directory: String, relative: String, ancestors: Set<String>, into entries: inout [Entry]) throws {
        for name in try FileSystem.list(directory) {
            if name.hasPrefix(".") && !includeDotfiles { continue }
            let absolute = directory + "/" + name
            let rel = PathUtilities.join(relative, name)
            guard let status = try FileSystem.status(absolute, followLinks: false) else { continue }
            switch status.kind {
            case .regular:
                entries.append(Entry(path: rel, absolutePath: absolute))
            case .directory:
                try walk(absolute, relative: rel, ancestors: ancestors.union([absolute]), into: &entries)
            case .symlink:
                try follow(absolute, relative: rel, ancestors: ancestors, into: &entries)
            case .other(let what):
                throw AssetPipelineError(.notRegularFile,
                    "\(absolute): is \(what); only regular files, directories and symlinks to them can be built")
            }
        }
    }

    private func follow(_ link: String, relative: String, ancestors: Set<String>, into entries: inout [Entry]) throws {
        guard let target = FileSystem.realPath(link) else {
            throw AssetPipelineError(.badSymlink, "\(link): cannot read the file: broken symlink (its target does not exist)")
        }
        guard PathUtilities.isSameOrInside(target, root) else {
            throw AssetPipelineError(.badSymlink, "\(link): symlink leads outside the source directory (to \(target))")
        }
        guard let status = try FileSystem.status(target, followLinks: true) else {
            throw AssetPipelineError(.badSymlink, "\(link): cannot read the file: broken symlink")
        }
        switch status.kind {
        case .regular:
            entries.append(Entry(path: relative, absolutePath: target))
        case .directory:
            if ancestors.contains(target) {
                throw AssetPipelineError(.badSymlink, "\(link): symlink loop (leads back to \(target))")
            }
            try walk(target, relative: relative, ancestors: ancestors.union([target]), into: &entries)
        case .symlink, .other:
            throw AssetPipelineError(.notRegularFile, "\(link): symlink to something that is not a regular file or directory")
        }
    }
}
