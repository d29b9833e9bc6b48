extension ConnectionPool {
    /// Blocking form of ``transaction(isolation:readOnly:retry:_:)``, on the calling thread.
    @discardableResult
    public func transactionBlocking<T>(
        isolation: IsolationLevel? = nil, readOnly: Bool = false, retry: RetryPolicy? = nil,
        _ body: (Transaction) throws -> T
    ) throws -> T {
        let policy = retry ?? configuration.retry
        var attempt = 1
        while true {
            let outcome: AttemptOutcome<T> = try withConnectionBlocking { connection in
                let proto = TransactionProtocol(dialect: connection.serverDialect, isolation: isolation, readOnly: readOnly)
                var needsBegin = true
                while true {
                    do {
                        if needsBegin { proto.open(connection) }
                        let value = try body(Transaction(connection: connection, attempt: attempt))
                        if let failure = proto.commit(connection) { throw failure }
                        retrier.succeeded()
                        return .committed(value)
                    } catch {
                        let next = try afterFailedAttempt(error, attempt: &attempt, on: connection, proto: proto, policy: policy)
                        sleepBlocking(next.delay)
                        guard next.sameConnection else { return .reconnect }
                        needsBegin = next.needsBegin
                    }
                }
            }
            if case .committed(let value) = outcome { return value }
        }
    }

    /// Blocking form of ``query(_:_:idempotent:retry:timeout:)``: one statement, its own transaction.
    public func queryBlocking(
        _ sql: String, _ parameters: [any PostgresEncodable] = [], idempotent: Bool = false, retry: RetryPolicy? = nil,
        timeout: Duration? = nil
    ) throws -> Rows {
        let bindings = try Bindings(parameters)
        return try statementsBlocking(idempotent: idempotent, retry: retry, timeout: timeout) { connection throws(AthanorError) in
            try connection.run(sql, bindings)
        }
    }

    /// Blocking form of ``statements(idempotent:retry:timeout:_:)``, on the calling thread.
    func statementsBlocking<T>(
        idempotent: Bool, retry: RetryPolicy?, timeout: Duration?, _ work: (Connection) throws(AthanorError) -> T
    ) throws -> T {
        let policy = retry ?? configuration.retry
        var attempt = 1
        while true {
            do {
                let value = try withConnectionBlocking { connection in
                    try connection.withQueryTimeout(timeout) { () throws(AthanorError) in try work(connection) }
                }
                retrier.succeeded()
                return value
            } catch let error as AthanorError {
                let delay = try delayBeforeRetrying(statementAfter: error, idempotent: idempotent, attempt: attempt, policy: policy)
                attempt += 1
                sleepBlocking(delay)
            }
        }
    }

    /// Blocking form of ``execute(_:_:idempotent:retry:timeout:)``.
    @discardableResult
    public func executeBlocking(
        _ sql: String, _ parameters: [any PostgresEncodable] = [], idempotent: Bool = false, retry: RetryPolicy? = nil,
        timeout: Duration? = nil
    ) throws -> Int {
        try queryBlocking(sql, parameters, idempotent: idempotent, retry: retry, timeout: timeout).affectedRows
    }
}
