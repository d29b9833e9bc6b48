import Athanor
import Foundation
import Testing

/// The two forms of a generated repository. A test takes one as its argument
/// (`@Test(arguments: Form.allCases)`) and runs its whole body through ``FormRepository``, so
/// every repository method is exercised in both forms by one test body and they cannot drift.
enum Form: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// `UserRepository`: async methods.
    case async
    /// `UserBlockingRepository`: blocking methods, called on a thread of their own.
    case blocking

    var testDescription: String { rawValue }

    /// The repository of `Model` on `database`, in this form.
    func repository<Model: TableModel>(
        _ database: some DatabaseExecutor, of _: Model.Type = Model.self, batchSize: Int = 5_000
    ) -> FormRepository<Model> {
        FormRepository(form: self, async: Repository(database, batchSize: batchSize),
                       blocking: BlockingRepository(database, batchSize: batchSize))
    }

    /// Runs `body` in a transaction of `pool` in this form (`transaction` or, on a thread,
    /// `transactionBlocking`), giving it the transaction as the database of its repositories.
    func transaction<T: Sendable>(
        _ pool: ConnectionPool, _ async: (Transaction) async throws -> T,
        _ blocking: @escaping @Sendable (Transaction) throws -> T
    ) async throws -> T {
        switch self {
        case .async: try await pool.transaction(async)
        case .blocking: try await onThread { try pool.transactionBlocking(blocking) }
        }
    }
}

/// A repository in one ``Form``, behind async methods of the same names: the async form is
/// called directly, the blocking form on a thread of its own (never on the cooperative pool).
struct FormRepository<Model: TableModel>: Sendable {
    let form: Form
    let async: Repository<Model>
    let blocking: BlockingRepository<Model>

    /// The call of this form: `async(self.async)`, or `blocking(self.blocking)` on a thread.
    /// For the generated key finders: `users.call({ try await $0.find(email: e) }, { try $0.find(email: e) })`.
    func call<T: Sendable>(
        _ async: (Repository<Model>) async throws -> T, _ blocking: @escaping @Sendable (BlockingRepository<Model>) throws -> T
    ) async throws -> T {
        switch form {
        case .async: return try await async(self.async)
        case .blocking:
            let repository = self.blocking
            return try await onThread { try blocking(repository) }
        }
    }

    func get(_ id: Model.PrimaryKey) async throws -> Model {
        try await call({ try await $0.get(id) }, { try $0.get(id) })
    }

    func list(
        where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], limit: Int? = nil, offset: Int? = nil
    ) async throws -> [Model] {
        try await call(
            { try await $0.list(where: filter, orderBy: orderBy, limit: limit, offset: offset) },
            { try $0.list(where: filter, orderBy: orderBy, limit: limit, offset: offset) })
    }

    func listAndCount(
        where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], limit: Int? = nil, offset: Int? = nil
    ) async throws -> (items: [Model], total: Int) {
        try await call(
            { try await $0.listAndCount(where: filter, orderBy: orderBy, limit: limit, offset: offset) },
            { try $0.listAndCount(where: filter, orderBy: orderBy, limit: limit, offset: offset) })
    }

    func count(where filter: Filter<Model>? = nil) async throws -> Int {
        try await call({ try await $0.count(where: filter) }, { try $0.count(where: filter) })
    }

    func exists(where filter: Filter<Model>? = nil) async throws -> Bool {
        try await call({ try await $0.exists(where: filter) }, { try $0.exists(where: filter) })
    }

    @discardableResult
    func create(_ value: Model) async throws -> Model {
        try await call({ try await $0.create(value) }, { try $0.create(value) })
    }

    @discardableResult
    func createMany(_ values: [Model]) async throws -> [Model] {
        try await call({ try await $0.createMany(values) }, { try $0.createMany(values) })
    }

    @discardableResult
    func copyMany(_ values: [Model]) async throws -> Int {
        try await call({ try await $0.copyMany(values) }, { try $0.copyMany(values) })
    }

    @discardableResult
    func update(_ value: Model) async throws -> Model {
        try await call({ try await $0.update(value) }, { try $0.update(value) })
    }

    @discardableResult
    func updateMany(_ values: [Model]) async throws -> [Model] {
        try await call({ try await $0.updateMany(values) }, { try $0.updateMany(values) })
    }

    @discardableResult
    func delete(_ id: Model.PrimaryKey) async throws -> Bool {
        try await call({ try await $0.delete(id) }, { try $0.delete(id) })
    }

    @discardableResult
    func deleteMany(_ ids: [Model.PrimaryKey]) async throws -> Int {
        try await call({ try await $0.deleteMany(ids) }, { try $0.deleteMany(ids) })
    }

    @discardableResult
    func deleteWhere(_ filter: Filter<Model>) async throws -> Int {
        try await call({ try await $0.deleteWhere(filter) }, { try $0.deleteWhere(filter) })
    }

    @discardableResult
    func upsert(_ value: Model, matching key: Model.MatchKey) async throws -> Model {
        try await call({ try await $0.upsert(value, matching: key) }, { try $0.upsert(value, matching: key) })
    }

    @discardableResult
    func upsertMany(_ values: [Model], matching key: Model.MatchKey) async throws -> [Model] {
        try await call({ try await $0.upsertMany(values, matching: key) }, { try $0.upsertMany(values, matching: key) })
    }

    @discardableResult
    func update(_ id: Model.PrimaryKey, set assignments: [Assignment<Model>]) async throws -> Model {
        try await call({ try await $0.update(id, set: assignments) }, { try $0.update(id, set: assignments) })
    }

    @discardableResult
    func updateWhere(_ filter: Filter<Model>, set assignments: [Assignment<Model>]) async throws -> Int {
        try await call({ try await $0.updateWhere(filter, set: assignments) }, { try $0.updateWhere(filter, set: assignments) })
    }

    @discardableResult
    func upsert(_ value: Model, matching key: Model.MatchKey, updating columns: [any ModelColumn<Model>]) async throws -> Model {
        try await call({ try await $0.upsert(value, matching: key, updating: columns) },
                       { try $0.upsert(value, matching: key, updating: columns) })
    }

    @discardableResult
    func upsertMany(_ values: [Model], matching key: Model.MatchKey, updating columns: [any ModelColumn<Model>]) async throws -> [Model] {
        try await call({ try await $0.upsertMany(values, matching: key, updating: columns) },
                       { try $0.upsertMany(values, matching: key, updating: columns) })
    }

    func first(where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = []) async throws -> Model? {
        try await call({ try await $0.first(where: filter, orderBy: orderBy) }, { try $0.first(where: filter, orderBy: orderBy) })
    }

    func one(where filter: Filter<Model>) async throws -> Model {
        try await call({ try await $0.one(where: filter) }, { try $0.one(where: filter) })
    }

    func getOrCreate(_ value: Model, matching key: Model.MatchKey) async throws -> (value: Model, created: Bool) {
        try await call({ try await $0.getOrCreate(value, matching: key) }, { try $0.getOrCreate(value, matching: key) })
    }

    func page(
        where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], after cursor: PageCursor? = nil, limit: Int
    ) async throws -> Page<Model> {
        try await call(
            { try await $0.page(where: filter, orderBy: orderBy, after: cursor, limit: limit) },
            { try $0.page(where: filter, orderBy: orderBy, after: cursor, limit: limit) })
    }

    func sql(for statement: RepositoryStatement<Model>) async throws -> String {
        try await call({ try $0.sql(for: statement) }, { try $0.sql(for: statement) })
    }

    func list<Parent>(
        where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], limit: Int? = nil, including relation: ParentRelation<Model, Parent>
    ) async throws -> [(Model, Parent?)] {
        try await call({ try await $0.list(where: filter, orderBy: orderBy, limit: limit, including: relation) },
                       { try $0.list(where: filter, orderBy: orderBy, limit: limit, including: relation) })
    }

    func list<Child>(
        where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], limit: Int? = nil, including relation: ChildrenRelation<Model, Child>
    ) async throws -> [(Model, [Child])] {
        try await call({ try await $0.list(where: filter, orderBy: orderBy, limit: limit, including: relation) },
                       { try $0.list(where: filter, orderBy: orderBy, limit: limit, including: relation) })
    }

    func list<Other>(
        where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], limit: Int? = nil, including relation: ManyToManyRelation<Model, Other>
    ) async throws -> [(Model, [Other])] {
        try await call({ try await $0.list(where: filter, orderBy: orderBy, limit: limit, including: relation) },
                       { try $0.list(where: filter, orderBy: orderBy, limit: limit, including: relation) })
    }

    func parents<Parent>(_ relation: ParentRelation<Model, Parent>, for rows: [Model]) async throws -> [Parent.PrimaryKey: Parent] {
        try await call({ try await $0.parents(relation, for: rows) }, { try $0.parents(relation, for: rows) })
    }

    func children<Child>(_ relation: ChildrenRelation<Model, Child>, for rows: [Model]) async throws -> [Model.PrimaryKey: [Child]] {
        try await call({ try await $0.children(relation, for: rows) }, { try $0.children(relation, for: rows) })
    }

    func related<Other>(_ relation: ManyToManyRelation<Model, Other>, for rows: [Model]) async throws -> [Model.PrimaryKey: [Other]] {
        try await call({ try await $0.related(relation, for: rows) }, { try $0.related(relation, for: rows) })
    }

    /// The rows of `stream(...)` in this form, collected; `stopAfter`: leaves the loop early.
    func streamed(
        where filter: Filter<Model>? = nil, orderBy: [Ordering<Model>] = [], bufferSize: Int = 256, stopAfter: Int = .max
    ) async throws -> [Model] {
        switch form {
        case .async:
            var rows: [Model] = []
            for try await row in async.stream(where: filter, orderBy: orderBy, bufferSize: bufferSize) {
                rows.append(row)
                if rows.count >= stopAfter { break }
            }
            return rows
        case .blocking:
            let repository = blocking
            return try await onThread {
                var rows: [Model] = []
                let sequence = repository.stream(where: filter, orderBy: orderBy, bufferSize: bufferSize)
                for row in sequence {
                    rows.append(row)
                    if rows.count >= stopAfter { break }
                }
                if let error = sequence.error { throw error }
                return rows
            }
        }
    }
}
