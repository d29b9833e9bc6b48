/// One column's new value in a partial update (`update(id, set:)`, `updateWhere(_:set:)`), built
/// from the model's typed columns, so a value of the wrong type does not compile.
///
/// ```swift
/// try await users.update(ada.id, set: [
///     User.columns.name.set("Ada L."),              // name = $1
///     User.columns.loginCount.increment(by: 1),     // login_count = login_count + $2 (atomic)
/// ])
/// ```
/// Values are always bound as parameters, never spliced into SQL.
public struct Assignment<Model>: Sendable {
    var pieces: [Filter<Model>.Piece]

    init(_ pieces: [Filter<Model>.Piece]) { self.pieces = pieces }
}

extension Column {
    /// `column = $1`: sets the column to `value` (`nil` for NULL on an optional column).
    public func set(_ value: Value) -> Assignment<Model> {
        Assignment([.sql("\(sqlName) = "), .parameter(value), .sql(cast.map { "::" + $0 } ?? "")])
    }
}

extension Column where Value: AdditiveArithmetic {
    /// `column = column + $1`: adds `amount` in the database, atomically (two concurrent
    /// increments both count); a negative amount subtracts.
    public func increment(by amount: Value) -> Assignment<Model> {
        Assignment([.sql("\(sqlName) = \(sqlName) + "), .parameter(amount)])
    }
}

/// A column of `Model` whatever its value type: the columns an upsert updates on a conflict
/// (`upsert(value, matching: .email, updating: [User.columns.name])`).
public protocol ModelColumn<Model>: Sendable {
    /// The model whose column this is.
    associatedtype Model
    /// The quoted SQL name.
    var sqlName: String { get }
}

extension Column: ModelColumn {}

extension Filter {
    /// The SQL of `pieces` with `$n` placeholders numbered after those already in `parameters`,
    /// which receives their values: how a call adds its assignments and filter to a statement.
    static func render(_ pieces: [Piece], into parameters: inout [any PostgresEncodable]) -> String {
        var sql = ""
        for piece in pieces {
            switch piece {
            case .sql(let text): sql += text
            case .parameter(let value):
                parameters.append(value)
                sql += "$\(parameters.count)"
            }
        }
        return sql
    }
}
