import Foundation
import NIOCore
import NIOPosix

/// A fake uWSGI on a Unix socket that reads a whole uwsgi request, then answers with scripted bytes, for
/// responses a real app cannot produce (garbage, truncation, silent close).
final class ScriptedBackend {
    /// What to do once the request is complete.
    enum Script: Sendable {
        /// Write these pieces (with a pause between them) and close.
        case respond([String], pause: TimeAmount = .zero)
        /// Close without a byte.
        case close
        /// As soon as the vars block is in, before (and without) reading the body: write these bytes and close —
        /// an app refusing an upload early (uWSGI's 413 for a body over its limit).
        case answerBeforeBody(String)
    }

    let path: String
    private let channel: Channel
    /// Requests completely received, with their vars.
    let requests = RequestLog()

    final class RequestLog: @unchecked Sendable {
        private let lock = NSLock()
        private var vars: [[String: String]] = []
        func append(_ v: [String: String]) { lock.lock(); vars.append(v); lock.unlock() }
        var all: [[String: String]] { lock.lock(); defer { lock.unlock() }; return vars }
    }

    init(path: String, group: EventLoopGroup, script: Script) throws {
        self.path = path
        channel = try Self.bootstrap(group: group, script: script, log: requests)
            .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true).wait()
    }

    /// A backend on TCP at `host` (an IP address) and an ephemeral port (`port`); `path` is empty.
    init(tcpGroup group: EventLoopGroup, host: String = "127.0.0.1", script: Script) throws {
        self.path = ""
        channel = try Self.bootstrap(group: group, script: script, log: requests)
            .bind(host: host, port: 0).wait()
    }

    /// The TCP port (for a TCP backend).
    var port: Int { channel.localAddress?.port ?? 0 }

    private static func bootstrap(group: EventLoopGroup, script: Script, log: RequestLog) -> ServerBootstrap {
        ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Handler(script: script, log: log))
                }
            }
    }

    func stop() throws {
        try channel.close().wait()
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let script: Script
        let log: RequestLog
        var buffer = ByteBuffer()
        var answered = false

        init(script: Script, log: RequestLog) {
            self.script = script
            self.log = log
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var chunk = unwrapInboundIn(data)
            buffer.writeBuffer(&chunk)
            if !answered, case .answerBeforeBody(let bytes) = script, let vars = parse(waitForBody: false) {
                answered = true
                log.append(vars)
                _ = context.channel.setOption(ChannelOptions.autoRead, value: false)  // the rest stays unread
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: bytes))).whenComplete { _ in
                    context.close(promise: nil)
                }
                return
            }
            guard !answered, let vars = parse() else { return }
            answered = true
            log.append(vars)
            switch script {
            case .close:
                context.close(promise: nil)
            case .respond(let pieces, let pause):
                write(pieces[...], pause: pause, context: context)
            case .answerBeforeBody:
                break
            }
        }

        private func write(_ pieces: ArraySlice<String>, pause: TimeAmount, context: ChannelHandlerContext) {
            guard let first = pieces.first else { return context.close(promise: nil) }
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: first)), promise: nil)
            context.eventLoop.scheduleTask(in: pause) {
                self.write(pieces.dropFirst(), pause: pause, context: context)
            }
        }

        /// The vars once the packet and (when `waitForBody`) its body are complete.
        private func parse(waitForBody: Bool = true) -> [String: String]? {
            guard let size = buffer.getInteger(at: buffer.readerIndex + 1, endianness: .little, as: UInt16.self),
                  buffer.readableBytes >= 4 + Int(size) else { return nil }
            var vars: [String: String] = [:]
            var block = buffer.getSlice(at: buffer.readerIndex + 4, length: Int(size))!
            while let kl = block.readInteger(endianness: .little, as: UInt16.self),
                  let k = block.readString(length: Int(kl)),
                  let vl = block.readInteger(endianness: .little, as: UInt16.self),
                  let v = block.readBytes(length: Int(vl)) {
                vars[k] = String(decoding: v, as: UTF8.self)
            }
            let bodyLength = waitForBody ? Int(vars["CONTENT_LENGTH"] ?? "0") ?? 0 : 0
            return buffer.readableBytes >= 4 + Int(size) + bodyLength ? vars : nil
        }
    }
}
