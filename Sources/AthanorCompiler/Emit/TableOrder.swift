/// The order to create tables in: each after the tables it references, declaration order otherwise.
///
/// References that close a cycle (A references B, B references A) cannot be created inline: they
/// are returned as deferred and added with `ALTER TABLE` once every table exists. A model that
/// references itself needs no deferral. The walk uses an explicit stack, so a long chain of
/// references cannot exhaust the call stack.
struct TableOrder {
    /// Indexes into `catalog.models`, in creation order.
    private(set) var models: [Int] = []
    /// Foreign keys to add after all tables: model index and foreign key index.
    private(set) var deferred: Set<ForeignKeyReference> = []

    struct ForeignKeyReference: Hashable {
        var model: Int
        var foreignKey: Int
    }

    private enum VisitState { case unvisited, visiting, done }

    init(catalog: Catalog) {
        let indexByName = Dictionary(catalog.models.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        var state = Array(repeating: VisitState.unvisited, count: catalog.models.count)
        for root in catalog.models.indices where state[root] == .unvisited {
            var stack: [(model: Int, nextForeignKey: Int)] = [(root, 0)]
            state[root] = .visiting
            while let top = stack.last {
                let foreignKeys = catalog.models[top.model].foreignKeys
                guard top.nextForeignKey < foreignKeys.count else {
                    state[top.model] = .done
                    models.append(top.model)
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].nextForeignKey += 1
                guard let target = indexByName[foreignKeys[top.nextForeignKey].referencedModel], target != top.model else {
                    continue
                }
                switch state[target] {
                case .unvisited:
                    state[target] = .visiting
                    stack.append((target, 0))
                case .visiting:
                    deferred.insert(ForeignKeyReference(model: top.model, foreignKey: top.nextForeignKey))
                case .done:
                    break
                }
            }
        }
    }
}
