import NIOCore
import NIOPosix

/// Accumulates bytes in memory up to a threshold, then in a spool file written on a thread pool, with
/// backpressure: `append` returns a future that is already complete unless more than `highWaterMark` bytes wait
/// to be written. Used for request bodies (`RequestBodyBuffer`) and upstream responses.
///
/// Confined to one event loop: call everything on `eventLoop`. Not Sendable.
final class SpoolingBuffer {
    /// Where the bytes ended up.
    enum Contents {
        case memory(ByteBuffer)
        case file(path: String, length: Int64)
    }

    /// `append` refused: the total would exceed `maxSize`.
    struct TooLarge: Error { var limit: Int64 }

    let eventLoop: EventLoop
    private let memoryThreshold: Int
    private let maxSize: Int64?
    private let directory: String
    private let prefix: String
    private let threadPool: NIOThreadPool
    private let highWaterMark: Int

    private var memory: ByteBuffer
    private var pending: ByteBuffer
    private var spooling = false
    private var file: SpoolFile?
    private var fileOpen = false
    /// Completes when every scheduled file operation has completed.
    private var tail: EventLoopFuture<Void>
    private var flushScheduled = false
    private var discarded = false
    private var relinquished = false

    /// Bytes appended so far.
    private(set) var length: Int64 = 0
    /// True while more than `highWaterMark` bytes wait for the disk (the future of the last `append` then
    /// completes only once they are written).
    var isBackpressured: Bool { pending.readableBytes > highWaterMark }
    /// The bytes, when they are all in memory (nothing spooled): `finish()` would give `.memory` of these at once,
    /// so a caller may skip the future.
    var memoryContents: ByteBuffer? { spooling ? nil : memory }
    /// Nothing spooled (yet): every byte is in memory.
    var isInMemory: Bool { !spooling }

    /// The spool file's path once spooling started and the file exists.
    var spoolPath: String? { file?.path }

    init(memoryThreshold: Int, maxSize: Int64?, directory: String, prefix: String, threadPool: NIOThreadPool,
         eventLoop: EventLoop, highWaterMark: Int = 1 << 20) {
        self.memoryThreshold = memoryThreshold
        self.maxSize = maxSize
        self.directory = directory
        self.prefix = prefix
        self.threadPool = threadPool
        self.eventLoop = eventLoop
        self.highWaterMark = highWaterMark
        self.memory = ByteBuffer()
        self.pending = ByteBuffer()
        self.tail = eventLoop.makeSucceededVoidFuture()
    }

    /// Adds `chunk`. Throws `TooLarge` synchronously; the future fails if spooling failed, and completes late when
    /// too many bytes wait for the disk (stop reading the source until then).
    func append(_ chunk: ByteBuffer) throws -> EventLoopFuture<Void> {
        eventLoop.preconditionInEventLoop()
        if discarded { return eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel) }
        let newLength = length + Int64(chunk.readableBytes)
        if let maxSize, newLength > maxSize { throw TooLarge(limit: maxSize) }
        length = newLength
        if !spooling {
            if memory.readableBytes + chunk.readableBytes <= memoryThreshold {
                if memory.readableBytes == 0 {
                    memory = chunk  // the common single-piece body: no copy
                } else {
                    var chunk = chunk
                    memory.writeBuffer(&chunk)
                }
                return eventLoop.makeSucceededVoidFuture()
            }
            startSpooling()
        }
        var chunk = chunk
        pending.writeBuffer(&chunk)
        scheduleFlush()
        return isBackpressured ? tail : eventLoop.makeSucceededVoidFuture()
    }

    /// Waits for every byte to be stored and reports where. A spool file is closed (not deleted) first.
    func finish() -> EventLoopFuture<Contents> {
        eventLoop.preconditionInEventLoop()
        guard spooling else { return eventLoop.makeSucceededFuture(.memory(memory)) }
        let length = self.length
        return tail.flatMap { [self] in
            guard let file, fileOpen else { return eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel) }
            fileOpen = false
            return file.close(delete: false, threadPool: threadPool, eventLoop: eventLoop)
                .map { .file(path: file.path, length: length) }
        }
    }

    /// The spool file now belongs to someone else (e.g. a response with `deleteWhenDone`): `discard` keeps it.
    func relinquish() {
        eventLoop.preconditionInEventLoop()
        relinquished = true
    }

    /// Drops everything; closes and deletes the spool file once pending I/O is over. Idempotent.
    func discard() {
        eventLoop.preconditionInEventLoop()
        guard !discarded else { return }
        discarded = true
        memory = ByteBuffer()
        pending = ByteBuffer()
        guard spooling, !relinquished else { return }
        tail.whenComplete { [self] _ in
            guard let file else { return }
            if fileOpen {
                fileOpen = false
                _ = file.close(delete: true, threadPool: threadPool, eventLoop: eventLoop)
            } else {
                _ = SpoolFile.remove(path: file.path, threadPool: threadPool, eventLoop: eventLoop)
            }
        }
    }

    private func startSpooling() {
        spooling = true
        pending = memory
        memory = ByteBuffer()
        tail = SpoolFile.create(in: directory, prefix: prefix, threadPool: threadPool, eventLoop: eventLoop)
            .map { [self] file in
                self.file = file
                self.fileOpen = true
            }
    }

    private func scheduleFlush() {
        guard !flushScheduled else { return }
        flushScheduled = true
        tail = tail.flatMap { [self] in
            flushScheduled = false
            guard !discarded, let file, pending.readableBytes > 0 else { return eventLoop.makeSucceededVoidFuture() }
            let data = pending
            pending = ByteBuffer()
            return file.write(data, threadPool: threadPool, eventLoop: eventLoop)
        }
    }
}
