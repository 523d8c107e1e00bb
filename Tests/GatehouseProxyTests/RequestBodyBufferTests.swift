import Foundation
import GatehouseHTTP
@testable import GatehouseProxy
import NIOCore
import NIOPosix
import XCTest

final class RequestBodyBufferTests: XCTestCase {
    private var group: MultiThreadedEventLoopGroup!
    private var threadPool: NIOThreadPool!
    private var directory: String!

    override func setUpWithError() throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        threadPool = NIOThreadPool(numberOfThreads: 2)
        threadPool.start()
        directory = NSTemporaryDirectory() + "gatehouse-bodytest-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try threadPool.syncShutdownGracefully()
        try group.syncShutdownGracefully()
        try FileManager.default.removeItem(atPath: directory)
    }

    private var loop: EventLoop { group.next() }

    private func spoolFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory)
    }

    private func config(threshold: Int = 1024, max: Int64 = 1 << 20) -> RequestBufferConfiguration {
        RequestBufferConfiguration(memoryThreshold: threshold, maxBodySize: max, spoolDirectory: directory)
    }

    /// Appends `chunks` on the loop, honouring backpressure, then finishes.
    private func feed(_ buffer: RequestBodyBuffer, _ chunks: [ByteBuffer]) -> EventLoopFuture<RequestBody> {
        let loop = self.loop
        return loop.flatSubmit {
            var future = loop.makeSucceededVoidFuture()
            for chunk in chunks {
                future = future.flatMapThrowing { try buffer.write(chunk) }.flatMap { $0 }
            }
            return future.flatMap { buffer.finish() }
        }
    }

    func testSmallBodyStaysInMemory() throws {
        let buffer = RequestBodyBuffer(configuration: config(), threadPool: threadPool, eventLoop: loop)
        let body = try feed(buffer, [ByteBuffer(string: "hello "), ByteBuffer(string: "world")]).wait()
        guard case .buffer(let bytes) = body else { return XCTFail("\(body)") }
        XCTAssertEqual(String(buffer: bytes), "hello world")
        XCTAssertEqual(try spoolFiles(), [])
        try loop.submit { buffer.release() }.wait()
    }

    func testEmptyBodyIsNone() throws {
        let buffer = RequestBodyBuffer(configuration: config(), threadPool: threadPool, eventLoop: loop)
        guard case .none = try feed(buffer, []).wait() else { return XCTFail() }
    }

    func testLargeBodyIsSpooledIntactAndDeletedOnClose() throws {
        let chunks = (0..<200).map { i in ByteBuffer(bytes: (0..<1000).map { UInt8(truncatingIfNeeded: $0 &+ i) }) }
        let expected = chunks.flatMap { Array($0.readableBytesView) }
        let buffer = RequestBodyBuffer(configuration: config(), threadPool: threadPool, eventLoop: loop)
        let body = try feed(buffer, chunks).wait()
        guard case .file(let path, let length) = body else { return XCTFail("\(body)") }
        XCTAssertEqual(length, 200_000)
        XCTAssertTrue(path.hasPrefix(directory + "/gatehouse-body-"))
        XCTAssertEqual(try Array(Data(contentsOf: URL(fileURLWithPath: path))), expected)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        try loop.submit { buffer.release(); buffer.release() }.wait()
        try waitUntil { try self.spoolFiles().isEmpty }
    }

    func testOverLimitThrowsAtOnce() throws {
        let buffer = RequestBodyBuffer(configuration: config(threshold: 10, max: 25), threadPool: threadPool, eventLoop: loop)
        let error = try loop.submit { () -> ProxyError? in
            _ = try buffer.write(ByteBuffer(repeating: 1, count: 20))
            do {
                _ = try buffer.write(ByteBuffer(repeating: 1, count: 6))
                return nil
            } catch let error as ProxyError {
                return error
            }
        }.wait()
        XCTAssertEqual(error?.reason, .bodyTooLarge)
        XCTAssertEqual(error?.status, .payloadTooLarge)
        try loop.submit { buffer.release() }.wait()
        try waitUntil { try self.spoolFiles().isEmpty }
        XCTAssertThrowsError(try RequestBodyBuffer.checkDeclaredLength(26, configuration: config(max: 25)))
        XCTAssertNoThrow(try RequestBodyBuffer.checkDeclaredLength(25, configuration: config(max: 25)))
        XCTAssertNoThrow(try RequestBodyBuffer.checkDeclaredLength(nil, configuration: config(max: 25)))
    }

    func testSinkStyleAppendReportsTheLimitAndDefersSpoolErrors() throws {
        let buffer = RequestBodyBuffer(configuration: config(threshold: 4, max: 10), threadPool: threadPool, eventLoop: loop)
        let results = try loop.submit { [buffer.append(ByteBuffer(string: "12345")), buffer.append(ByteBuffer(string: "67890")),
                                         buffer.append(ByteBuffer(string: "x"))] }.wait()
        XCTAssertEqual(results, [true, true, false])
        try loop.submit { buffer.release() }.wait()
        try waitUntil { try self.spoolFiles().isEmpty }

        let cfg = RequestBufferConfiguration(memoryThreshold: 0, maxBodySize: 100, spoolDirectory: directory + "/missing")
        let failing = RequestBodyBuffer(configuration: cfg, threadPool: threadPool, eventLoop: loop)
        XCTAssertTrue(try loop.submit { failing.append(ByteBuffer(string: "x")) }.wait())
        XCTAssertThrowsError(try loop.flatSubmit { failing.finish() }.wait()) {
            XCTAssertEqual(($0 as? ProxyError)?.reason, .spoolError)
        }
    }

    func testAbortWhileWritingDeletesTheFile() throws {
        let buffer = RequestBodyBuffer(configuration: config(threshold: 0, max: 1 << 30), threadPool: threadPool,
                                       eventLoop: loop)
        try loop.submit {
            for _ in 0..<50 { _ = try buffer.write(ByteBuffer(repeating: 7, count: 100_000)) }
            buffer.release()  // writes may still be in flight
        }.wait()
        try waitUntil { try self.spoolFiles().isEmpty }
    }

    func testBackpressureFutureCompletesWhenDrained() throws {
        let buffer = RequestBodyBuffer(configuration: config(threshold: 0, max: 1 << 30), threadPool: threadPool,
                                       eventLoop: loop)
        let big = ByteBuffer(repeating: 3, count: 3 << 20)  // over the 1 MiB high-water mark
        try loop.flatSubmit { try! buffer.write(big) }.wait()
        let body = try loop.flatSubmit { buffer.finish() }.wait()
        XCTAssertEqual(body.length, 3 << 20)
        try loop.submit { buffer.release() }.wait()
        try waitUntil { try self.spoolFiles().isEmpty }
    }

    func testUnwritableSpoolDirectoryIsASpoolError() throws {
        let cfg = RequestBufferConfiguration(memoryThreshold: 0, maxBodySize: 100, spoolDirectory: directory + "/missing")
        let buffer = RequestBodyBuffer(configuration: cfg, threadPool: threadPool, eventLoop: loop)
        XCTAssertThrowsError(try feed(buffer, [ByteBuffer(string: "x")]).wait()) {
            XCTAssertEqual(($0 as? ProxyError)?.reason, .spoolError)
        }
    }
}

/// Polls `condition` (for effects that happen on a thread pool) for up to 5 s.
func waitUntil(timeout: TimeInterval = 5, file: StaticString = #filePath, line: UInt = #line,
               _ condition: () throws -> Bool) throws {
    let end = Date().addingTimeInterval(timeout)
    while Date() < end {
        if try condition() { return }
        usleep(10_000)
    }
    XCTFail("condition not met within \(timeout) s", file: file, line: line)
}
