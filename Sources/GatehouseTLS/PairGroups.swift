/// Pure grouping of certificate pairs that must be swapped together: pairs sharing any server name (an RSA and
/// an ECDSA pair for the same names, or overlapping name lists) form one group, so a name never serves a mix of
/// old and new pairs where one of the new ones failed.
enum PairGroups {
    /// Groups the indices of `names` (one name list per pair) into connected components over shared names
    /// (compared lower-cased, without a trailing dot). Each group is sorted; groups are ordered by first index.
    static func group(_ names: [[String]]) -> [[Int]] {
        var parent = Array(names.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        var owner: [String: Int] = [:]
        for (index, list) in names.enumerated() {
            for name in list.map(ServerNameIndex<Int>.normalize) where !name.isEmpty {
                if let other = owner[name] {
                    let (a, b) = (root(index), root(other))
                    if a != b { parent[max(a, b)] = min(a, b) }
                } else {
                    owner[name] = index
                }
            }
        }
        var groups: [Int: [Int]] = [:]
        for index in names.indices { groups[root(index), default: []].append(index) }
        return groups.values.sorted { $0[0] < $1[0] }
    }
}
