@testable import GatehouseUWSGI
import NIOCore
import XCTest

final class UWSGIRequestEncoderTests: XCTestCase {
    func testGoldenPacket() throws {
        var vars = UWSGIVars()
        vars.append("REQUEST_METHOD", "GET")
        vars.append("PATH_INFO", "/")
        let bytes = Array(try UWSGIRequestEncoder().encode(vars).readableBytesView)
        let expected: [UInt8] = [
            0x00, 0x23, 0x00, 0x00,                                   // modifier1, size 35 (LE), modifier2
            0x0E, 0x00] + Array("REQUEST_METHOD".utf8) + [0x03, 0x00] + Array("GET".utf8) + [
            0x09, 0x00] + Array("PATH_INFO".utf8) + [0x01, 0x00, 0x2F]
        XCTAssertEqual(bytes, expected)
        XCTAssertEqual(vars.blockSize, 35)  // (2+14+2+3) + (2+9+2+1)
    }

    func testGoldenLittleEndianSizeAndLongValue() throws {
        var vars = UWSGIVars()
        vars.append("K", String(repeating: "v", count: 300))  // 2+1+2+300 = 305 = 0x0131
        let buffer = try UWSGIRequestEncoder().encode(vars)
        XCTAssertEqual(Array(buffer.readableBytesView.prefix(8)), [0x00, 0x31, 0x01, 0x00, 0x01, 0x00, 0x4B, 0x2C])
        XCTAssertEqual(buffer.getInteger(at: 7, endianness: .little, as: UInt16.self), 300)
        XCTAssertEqual(buffer.readableBytes, 4 + 305)
    }

    func testEmptyVars() throws {
        XCTAssertEqual(Array(try UWSGIRequestEncoder().encode(UWSGIVars()).readableBytesView), [0, 0, 0, 0])
    }

    func testBlockAtLimitPassesAndOneOverFails() throws {
        var vars = UWSGIVars()
        vars.append("HTTP_X", String(repeating: "a", count: 4096 - 4 - 6))
        XCTAssertEqual(vars.blockSize, 4096)
        XCTAssertNoThrow(try UWSGIRequestEncoder(bufferSize: 4096).encode(vars))
        vars.append("A", "")
        XCTAssertThrowsError(try UWSGIRequestEncoder(bufferSize: 4096).encode(vars)) {
            XCTAssertEqual($0 as? UWSGIEncodingError, .blockTooBig(size: 4101, limit: 4096))
        }
    }

    func testLimitNeverAbove65535() throws {
        var vars = UWSGIVars()
        vars.append("A", String(repeating: "a", count: 40000))
        vars.append("B", String(repeating: "b", count: 40000))
        XCTAssertEqual(UWSGIRequestEncoder(bufferSize: 1 << 20).limit, 65535)
        XCTAssertThrowsError(try UWSGIRequestEncoder(bufferSize: 1 << 20).encode(vars)) {
            XCTAssertEqual($0 as? UWSGIEncodingError, .blockTooBig(size: 80010, limit: 65535))
        }
        var single = UWSGIVars()
        single.append("A", String(repeating: "a", count: 70000))
        XCTAssertThrowsError(try UWSGIRequestEncoder(bufferSize: 1 << 20).encode(single)) {
            XCTAssertEqual($0 as? UWSGIEncodingError, .fieldTooLong(length: 70000))
        }
    }

    func testEncodeFailureWritesNothing() {
        var vars = UWSGIVars()
        vars.append("A", String(repeating: "a", count: 5000))
        var buffer = ByteBuffer()
        XCTAssertThrowsError(try UWSGIRequestEncoder().encode(vars, into: &buffer))
        XCTAssertEqual(buffer.readableBytes, 0)
    }
}
