@testable import Athanor
import Glibc
import Testing

/// The event loop that a pool's single statements wait on (`EventLoop`), alone on socket pairs.
@Suite struct EventLoopTests {
    /// A connected pair of local sockets, closed by `body`'s end.
    func withSocketPair<T>(_ body: (Int32, Int32) async throws -> T) async throws -> T {
        var descriptors: [Int32] = [-1, -1]
        try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &descriptors) == 0)
        defer {
            close(descriptors[0])
            close(descriptors[1])
        }
        return try await body(descriptors[0], descriptors[1])
    }

    func write(_ socket: Int32) {
        var byte: UInt8 = 1
        _ = Glibc.write(socket, &byte, 1)
    }

    func read(_ socket: Int32) {
        var byte: UInt8 = 0
        _ = Glibc.read(socket, &byte, 1)
    }

    @Test func aWaitEndsWhenTheSocketIsReadableAndNotBefore() async throws {
        let loop = try #require(EventLoop.shared)
        try await withSocketPair { mine, theirs in
            let waiting = Task { () -> (Bool, UInt64) in
                let ready = await loop.wait(socket: mine, writable: false, until: monotonicNanoseconds() + 30_000_000_000)
                return (ready, monotonicNanoseconds())
            }
            try await Task.sleep(for: .milliseconds(100))
            let written = monotonicNanoseconds()
            write(theirs)
            let (ready, resumed) = await waiting.value
            #expect(ready)
            #expect(resumed >= written)
            read(mine)
        }
    }

    @Test func aWaitEndsAtItsBoundWhenNothingComes() async throws {
        let loop = try #require(EventLoop.shared)
        try await withSocketPair { mine, theirs in
            let started = ContinuousClock.now
            #expect(await !loop.wait(socket: mine, writable: false, until: monotonicNanoseconds() + 150_000_000))
            let waited = ContinuousClock.now - started
            #expect(waited >= .milliseconds(149) && waited < .seconds(10), "\(waited)")
            // Again, after the expired registration: a socket is watched afresh by each wait.
            #expect(await !loop.wait(socket: mine, writable: false, until: monotonicNanoseconds() + 50_000_000))
            write(theirs)
            #expect(await loop.wait(socket: mine, writable: false, until: monotonicNanoseconds() + 5_000_000_000))
        }
    }

    @Test func aWritableSocketEndsAWaitForWriting() async throws {
        let loop = try #require(EventLoop.shared)
        try await withSocketPair { mine, _ in
            #expect(await loop.wait(socket: mine, writable: true, until: monotonicNanoseconds() + 5_000_000_000))
        }
    }

    /// Many tasks, each on its own pair: each is woken by its own socket, never by another's.
    @Test func manyWaitersAreEachWokenByTheirOwnSocket() async throws {
        let loop = try #require(EventLoop.shared)
        var pairs: [(Int32, Int32)] = []
        defer { for (mine, theirs) in pairs { close(mine); close(theirs) } }
        for _ in 0..<64 {
            var descriptors: [Int32] = [-1, -1]
            try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &descriptors) == 0)
            pairs.append((descriptors[0], descriptors[1]))
        }
        let sockets = pairs
        let woken = await withTaskGroup(of: Int?.self) { group in
            for (index, (mine, _)) in sockets.enumerated() {
                group.addTask {
                    // The odd pairs get no byte and wait out a short bound; the even ones, a long one.
                    let bound: UInt64 = index % 2 == 0 ? 30_000_000_000 : 500_000_000
                    return await loop.wait(socket: mine, writable: false, until: monotonicNanoseconds() + bound) ? index : nil
                }
            }
            try? await Task.sleep(for: .milliseconds(100))
            for (index, (_, theirs)) in sockets.enumerated() where index % 2 == 0 { write(theirs) }
            var woken: [Int] = []
            for await index in group { if let index { woken.append(index) } }
            return woken
        }
        #expect(woken.sorted() == Array(stride(from: 0, to: 64, by: 2)))
    }
}
