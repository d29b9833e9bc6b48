import Glibc

extension FaultProxy {
    /// The accepting thread: each client gets a connection to the target and two pumps; a
    /// refused target closes the client at once. Closes the listener when the proxy stops.
    func acceptLoop() {
        defer { close(listener) }
        while !stopping.load(ordering: .acquiring) {
            guard LoopbackSocket.wait(listener, for: Int16(POLLIN), milliseconds: 50),
                  let client = LoopbackSocket.accept(listener) else { continue }
            accepted.add(1, ordering: .relaxed)
            guard let server = LoopbackSocket.connect(port: targetPort, timeoutMilliseconds: 2_000) else {
                refused.add(1, ordering: .relaxed)
                close(client)
                continue
            }
            let connection = registry.withLock { registry -> ProxiedConnection? in
                guard !stopping.load(ordering: .acquiring) else { return nil }
                let connection = ProxiedConnection(id: registry.nextID, client: client, server: server)
                registry.nextID += 1
                registry.connections[connection.id] = connection
                return connection
            }
            guard let connection else {
                close(client)
                close(server)
                return
            }
            for fromClient in [true, false] {
                let started = threads.start { [self] in pump(connection, fromClient: fromClient) }
                if !started {
                    sever(connection)
                    pumpEnded(connection)
                }
            }
        }
    }

    /// Forwards one direction of `connection` until either side closes, a fault cuts it, or the
    /// proxy stops; then severs the connection and, as the last pump, closes its sockets.
    func pump(_ connection: ProxiedConnection, fromClient: Bool) {
        let source = fromClient ? connection.client : connection.server
        let destination = fromClient ? connection.server : connection.client
        var framer = FrontendFramer()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var index = 0
        forwarding: while mayContinue(connection) {
            guard waitWhileStalled(connection) else { break }
            guard LoopbackSocket.wait(source, for: Int16(POLLIN), milliseconds: 20) else { continue }
            let count = read(source, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            let bytes = buffer[0..<count]
            var cutAfterwards = false
            if fromClient {
                let chunk = ClientChunk(bytes: Array(bytes), messages: framer.feed(Array(bytes)), index: index)
                index += 1
                switch cutDecision(for: chunk) {
                case nil: break
                case .beforeForwarding:
                    cutCount.add(1, ordering: .relaxed)
                    break forwarding
                case .afterForwarding:
                    cutCount.add(1, ordering: .relaxed)
                    connection.dropsAnswers.store(true, ordering: .releasing)
                    cutAfterwards = true
                }
            } else if connection.dropsAnswers.load(ordering: .acquiring) {
                break
            }
            guard waitForDelay(connection), waitWhileStalled(connection) else { break }
            guard LoopbackSocket.sendAll(destination, bytes) else { break }
            if cutAfterwards { break }
        }
        sever(connection)
        pumpEnded(connection)
    }

    /// The timing of the armed cut if `chunk` matches it (counting it down), else nil.
    private func cutDecision(for chunk: ClientChunk) -> CutTiming? {
        guard armed.load(ordering: .acquiring) else { return nil }
        return rule.withLock { rule -> CutTiming? in
            guard var armedRule = rule, armedRule.pattern.matches(chunk) else { return nil }
            armedRule.remaining -= 1
            rule = armedRule.remaining > 0 ? armedRule : nil
            if armedRule.remaining <= 0 { armed.store(false, ordering: .releasing) }
            return armedRule.timing
        }
    }

    private func mayContinue(_ connection: ProxiedConnection) -> Bool {
        !stopping.load(ordering: .acquiring) && !connection.isSevered
    }

    /// Sleeps in 5 ms steps while stalled; false if the connection or the proxy ends meanwhile.
    private func waitWhileStalled(_ connection: ProxiedConnection) -> Bool {
        while stalled.load(ordering: .acquiring) {
            guard mayContinue(connection) else { return false }
            usleep(5_000)
        }
        return mayContinue(connection)
    }

    /// Sleeps the configured delay in steps of at most 5 ms; false if the connection or the
    /// proxy ends meanwhile.
    private func waitForDelay(_ connection: ProxiedConnection) -> Bool {
        let delay = delayNanoseconds.load(ordering: .acquiring)
        guard delay > 0 else { return true }
        let deadline = monotonicNanoseconds() + delay
        while true {
            let now = monotonicNanoseconds()
            guard now < deadline else { return true }
            guard mayContinue(connection) else { return false }
            usleep(UInt32(min(deadline - now, 5_000_000) / 1_000))
        }
    }

    func sever(_ connection: ProxiedConnection) {
        registry.withLock { registry in
            if registry.connections[connection.id] != nil { connection.sever() }
        }
    }

    func pumpEnded(_ connection: ProxiedConnection) {
        guard connection.pumpsRunning.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 else { return }
        registry.withLock { registry in
            registry.connections[connection.id] = nil
            connection.closeSockets()
        }
    }
}
