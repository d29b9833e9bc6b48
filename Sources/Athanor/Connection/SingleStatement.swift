/// One statement, its parameters, and how its rows become the call's value: the shape of most
/// repository calls. On a pool it runs from the caller's task, waiting for the server on the
/// ``EventLoop`` (``ConnectionPool/statement(idempotent:retry:timeout:_:)``); anywhere else as
/// ``work`` on a connection.
struct SingleStatement<Value: Sendable>: Sendable {
    let sql: String
    let bindings: Bindings
    let decode: @Sendable (Rows) throws(AthanorError) -> Value

    /// The same statement as synchronous work on a connection (``Connection/run(_:_:)``, then
    /// `decode`).
    var work: @Sendable (Connection) throws(AthanorError) -> Value {
        { [sql, bindings, decode] connection throws(AthanorError) in try decode(connection.run(sql, bindings)) }
    }

    /// The same statement, its value transformed.
    func map<T: Sendable>(_ transform: @escaping @Sendable (Value) throws(AthanorError) -> T) -> SingleStatement<T> {
        SingleStatement<T>(sql: sql, bindings: bindings) { [decode] rows throws(AthanorError) in try transform(decode(rows)) }
    }
}
