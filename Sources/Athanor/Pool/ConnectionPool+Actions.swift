extension ConnectionPool {
    struct ResolvedActions {
        var deliveries: [(LeaseRequest, Connection, UInt64)] = []
        var failures: [(LeaseRequest, any Error)] = []
        var closes: [Connection] = []
        var connects: [(slot: Int, host: Int)] = []
        /// The earliest timer set: the timer thread must be awake by then.
        var wakeBy: UInt64?
        var leaseWarnings: [UInt64] = []
        var drained = false
    }

    func resolve(_ actions: PoolStateMachine.Actions, in shell: inout Shell) -> ResolvedActions {
        var work = ResolvedActions()
        for delivery in actions.deliver {
            guard let request = shell.requests.removeValue(forKey: delivery.request),
                  let connection = shell.connections[delivery.slot] else { continue }
            work.deliveries.append((request, connection, delivery.idleFor))
        }
        for failure in actions.fail {
            guard let request = shell.requests.removeValue(forKey: failure.request) else { continue }
            work.failures.append((request, error(for: failure.error, shell: shell)))
        }
        for slot in actions.close {
            if let connection = shell.connections.removeValue(forKey: slot) { work.closes.append(connection) }
        }
        work.connects = actions.connect
        work.wakeBy = actions.schedule.lazy.map(\.deadline).min()
        work.leaseWarnings = actions.warnLeases
        work.drained = actions.drained
        return work
    }

    func error(for failure: PoolStateMachine.Failure, shell: Shell) -> any Error {
        switch failure {
        case .timeout:
            return AthanorError.poolTimeout(PoolTimeoutError(
                timeoutSeconds: Double(configuration.timeout.nanoseconds) / 1e9, size: configuration.size,
                maxOverflow: configuration.maxOverflow, lastConnectError: shell.lastConnectError))
        case .closed: return AthanorError.poolClosed
        case .cancelled: return CancellationError()
        }
    }

    func perform(_ work: ResolvedActions) {
        for (request, connection, idleFor) in work.deliveries { request.complete(.delivered(connection, idleFor: idleFor)) }
        for (request, error) in work.failures { request.complete(.failed(error)) }
        for connection in work.closes { connection.close() }
        for connect in work.connects { startConnect(slot: connect.slot, host: connect.host) }
        if let wakeBy = work.wakeBy { timers.wake(by: wakeBy) }
        for heldFor in work.leaseWarnings {
            log(.warning, "a connection has been leased for \(heldFor / 1_000_000_000) s "
                + "(threshold \(configuration.leaseWarningThreshold)); is a transaction left open?")
        }
        if work.drained { drained.signal() }
    }

    /// Opens the connection of `slot` on a new thread of its own: the whole attempt runs there,
    /// never on the cooperative pool, so a pool connects on time even while the callers' tasks
    /// keep the cooperative threads busy (and a lease that times out then still names the last
    /// connect error). The thread ends with the attempt: the connection starts its own on first
    /// use (a pool's single statements need none). A backoff before it is a timer of the state
    /// machine.
    func startConnect(slot: Int, host: Int) {
        let thread = WorkerThread(name: "athanor-connect")
        defer { thread.stop() }
        thread.submit { [self] in
            do throws(AthanorError) {
                let connection = try Connection.open(
                    on: nil, url: url, firstHost: host, statementCacheCapacity: configuration.statementCacheCapacity,
                    timeout: configuration.connectTimeout)
                connection.slot = slot
                connection.applyTimeouts(query: configuration.queryTimeout, cancel: configuration.cancelTimeout)
                checkDialect(of: connection)
                let reached = url.endpoints.firstIndex { $0.host == connection.host && String($0.port) == connection.port }
                let jitter = Double.random(in: 0..<1)
                modify { machine in
                    machine.connected(slot: slot, now: monotonicNanoseconds(), reachedHost: reached, jitter: jitter)
                } before: { shell in
                    shell.connections[slot] = connection
                }
            } catch {
                let failure: ConnectionFailure? = if case .connectionFailed(let failure) = error { failure } else { nil }
                logConnectFailure(error)
                modify { $0.connectFailed(slot: slot, now: monotonicNanoseconds()) } before: { shell in
                    shell.lastConnectError = failure ?? shell.lastConnectError
                }
            }
        }
    }

    func modify(_ event: (inout PoolStateMachine) -> PoolStateMachine.Actions, before: (inout Shell) -> Void) {
        let work = shell.withLock { shell -> ResolvedActions in
            before(&shell)
            let actions = event(&shell.machine)
            return resolve(actions, in: &shell)
        }
        perform(work)
    }

    func checkDialect(of connection: Connection) {
        guard connection.serverDialect != url.dialect else { return }
        let first = shell.withLock { shell -> Bool in
            defer { shell.warnedDialect = true }
            return !shell.warnedDialect
        }
        if first {
            log(.warning, "the URL says \(url.dialect.productName) (\(url.scheme)://) but the server is "
                + "\(connection.serverDialect.productName); Athanor follows the server")
        }
    }
}
