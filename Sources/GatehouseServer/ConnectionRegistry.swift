import NIOConcurrencyHelpers
import NIOCore

/// Every open client connection, so graceful shutdown can close idle ones and wait for busy ones.
final class ConnectionRegistry: Sendable {
    private let state = NIOLockedValueBox<(channels: [ObjectIdentifier: Channel], draining: Bool)>(([:], false))

    /// Registers a new connection; returns false when the server is draining (the caller closes it).
    func add(_ channel: Channel) -> Bool {
        state.withLockedValue { s in
            if s.draining { return false }
            s.channels[ObjectIdentifier(channel)] = channel
            return true
        }
    }

    func remove(_ channel: Channel) {
        _ = state.withLockedValue { $0.channels.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    var count: Int { state.withLockedValue { $0.channels.count } }

    /// Starts draining: every connection is asked to close once idle.
    func drain() {
        let channels = state.withLockedValue { s -> [Channel] in
            s.draining = true
            return Array(s.channels.values)
        }
        for channel in channels {
            channel.pipeline.fireUserInboundEventTriggered(ServerDrainEvent())
        }
    }

    /// Closes every remaining connection at once (the grace period is over).
    func closeAll() {
        let channels = state.withLockedValue { Array($0.channels.values) }
        for channel in channels { channel.close(promise: nil) }
    }
}

/// Sent to every connection when the server starts draining.
struct ServerDrainEvent {}
