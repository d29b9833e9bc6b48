/// `copyMany`: new rows written with binary `COPY ... FROM STDIN`, the fastest way to load many
/// rows, at the price of returning only how many were written.
///
/// The COPY always runs inside a transaction (on a pool, the pool's retried transaction; inside
/// a transaction, as part of it): all rows or none, on PostgreSQL and on CockroachDB, whose COPY
/// outside an explicit transaction may commit in batches. Its round trips: BEGIN, the columns'
/// types (a prepared `SELECT ... LIMIT 0`, cached per connection), the COPY with its rows
/// streamed in chunks of ``Connection/copyChunkBytes``, COMMIT.
extension RepositoryCore {
    /// Writes `models` with binary COPY and returns how many rows were written.
    public func copy(_ models: [Model]) async throws -> Int {
        guard !models.isEmpty else { return 0 }
        let target = try copyTarget()
        // A model whose every column has a default (a BigIntBase without fields) copies nothing.
        guard !target.columns.isEmpty else { return try await write(models, table.insert).count }
        return try await database.inTransaction { transaction in
            try await transaction.connection.copy(
                into: target.table, columns: target.columns, rows: models.lazy.map(target.encodeRow))
        }
    }

    /// Blocking form of ``copy(_:)``, on the calling thread.
    public func copyBlocking(_ models: [Model]) throws -> Int {
        guard !models.isEmpty else { return 0 }
        let target = try copyTarget()
        guard !target.columns.isEmpty else { return try writeBlocking(models, table.insert).count }
        return try database.inTransactionBlocking { transaction in
            try transaction.connection.copy(
                into: target.table, columns: target.columns, rows: models.lazy.map(target.encodeRow))
        }
    }

    private func copyTarget() throws(AthanorError) -> CopyTarget<Model> {
        guard let target = table.copy else {
            throw .misuse("\(table.modelName) has no COPY target: regenerate its repository with this version of athanor")
        }
        return target
    }
}
