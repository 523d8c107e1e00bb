import NIOCore
import NIOHTTP1
import XCTest
@testable import GatehouseCache

final class CacheStorageTests: XCTestCase {
    func key(_ path: String) -> CacheKey {
        CacheKey(resource: CacheResourceKey(methodClass: "GET", scheme: "https", host: "h", path: path, query: nil))
    }

    func entry(bytes: Int) -> CacheEntry {
        CacheEntry(status: .ok, headers: HTTPHeaders(), body: ByteBuffer(repeating: 0x61, count: bytes),
                   lifetime: CacheLifetime(ttl: 60, staleWhileRevalidate: 0, staleIfError: 0), now: 0)
    }

    func testEvictsLeastRecentlyUsedByBytesAndCountsEvictions() {
        let one = CacheStorage.size(of: entry(bytes: 1000), key: key("/1"))
        var storage = CacheStorage(maxBytes: one * 3)
        XCTAssertEqual(storage.insert(entry(bytes: 1000), for: key("/1")), [])
        XCTAssertEqual(storage.insert(entry(bytes: 1000), for: key("/2")), [])
        XCTAssertEqual(storage.insert(entry(bytes: 1000), for: key("/3")), [])
        XCTAssertEqual(storage.bytes, one * 3)
        XCTAssertNotNil(storage.get(key("/1")))  // /1 is now the most recent; /2 the least
        XCTAssertEqual(storage.insert(entry(bytes: 1000), for: key("/4")), [key("/2")])
        XCTAssertEqual(storage.keysByRecency, [key("/4"), key("/1"), key("/3")])
        XCTAssertEqual(storage.evictions, 1)
        XCTAssertLessThanOrEqual(storage.bytes, storage.maxBytes)
        // A big entry evicts several.
        XCTAssertEqual(storage.insert(entry(bytes: 2000), for: key("/5")), [key("/3"), key("/1")])
        XCTAssertEqual(storage.evictions, 3)
        XCTAssertEqual(storage.count, 2)
    }

    func testAnEntryDoesNotKeepTheLargerBufferItsBodyIsASliceOf() {
        // A body read from a socket is often a slice of a bigger read buffer; storing the slice would keep the
        // whole buffer alive while the byte count sees only the slice.
        var readBuffer = ByteBuffer(repeating: 0x62, count: 64 * 1024)
        let slice = readBuffer.readSlice(length: 200)!
        XCTAssertGreaterThanOrEqual(slice.storageCapacity, 64 * 1024)
        let stored = CacheEntry(status: .ok, headers: HTTPHeaders(), body: slice,
                                lifetime: CacheLifetime(ttl: 60, staleWhileRevalidate: 0, staleIfError: 0), now: 0)
        XCTAssertEqual(stored.body, slice)
        XCTAssertLessThan(stored.body.storageCapacity, 1024)
        // A buffer that is already its own size is kept as is (no copy).
        let own = ByteBuffer(repeating: 0x63, count: 5000)
        let kept = CacheEntry(status: .ok, headers: HTTPHeaders(), body: own,
                              lifetime: CacheLifetime(ttl: 60, staleWhileRevalidate: 0, staleIfError: 0), now: 0)
        XCTAssertEqual(kept.body.storageCapacity, own.storageCapacity)
    }

    func testReplacingAnEntryAdjustsBytesAndTooLargeIsRefused() {
        var storage = CacheStorage(maxBytes: 10_000)
        _ = storage.insert(entry(bytes: 100), for: key("/a"))
        _ = storage.insert(entry(bytes: 300), for: key("/a"))
        XCTAssertEqual(storage.count, 1)
        XCTAssertEqual(storage.bytes, CacheStorage.size(of: entry(bytes: 300), key: key("/a")))
        XCTAssertNil(storage.insert(entry(bytes: 20_000), for: key("/b")))
        XCTAssertEqual(storage.count, 1)
        XCTAssertEqual(storage.evictions, 0)
        storage.remove(key("/a"))
        XCTAssertEqual(storage.bytes, 0)
        XCTAssertEqual(storage.keysByRecency, [])
    }

    func testRecencyListStaysConsistentUnderManyOperations() {
        var storage = CacheStorage(maxBytes: CacheStorage.size(of: entry(bytes: 10), key: key("/00")) * 8)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let k = key("/\(Int.random(in: 10..<30, using: &generator))")
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: _ = storage.insert(entry(bytes: 10), for: k)
            case 1: _ = storage.get(k)
            default: storage.remove(k)
            }
            XCTAssertEqual(storage.keysByRecency.count, storage.count)
            XCTAssertEqual(Set(storage.keysByRecency), Set(storage.allKeys))
            XCTAssertLessThanOrEqual(storage.bytes, storage.maxBytes)
        }
    }
}
