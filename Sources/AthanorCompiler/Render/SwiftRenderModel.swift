/// The data the Swift templates render: every name, type and SQL string is computed here, so
/// the templates only loop and branch.
struct SwiftFileContext {
    var sourceName: String
    var enums: [EnumContext]
    var models: [ModelContext]
}

struct EnumContext {
    struct Case {
        var docs: [String]
        var name: String
    }

    var docs: [String]
    var name: String
    var sqlName: String
    var cases: [Case]
}

struct ModelContext {
    struct Property {
        var docs: [String]
        var name: String
        var type: String
    }

    struct Parameter {
        var name: String
        var type: String
        var defaultClause: String
        var comma: String
    }

    struct ColumnDescriptor {
        var modelName: String
        var docs: [String]
        var name: String
        var valueType: String
        var sqlLiteral: String
        var castArgument: String
    }

    struct Key {
        var modelName: String
        var docs: [String]
        var caseName: String
        var constraint: String
        /// `email: String`, `customerID: UUID, externalRef: String`.
        var parameters: String
        /// `[email]`.
        var arguments: String
        var isUnique: Bool
    }

    struct Entry {
        var key: String
        var value: String
        var comma: String
    }

    struct Decoded {
        var name: String
        var type: String
        var index: Int
        var comma: String
    }

    var docs: [String]
    var name: String
    var tableName: String
    var repository: String
    var blockingRepository: String
    var idType: String
    var properties: [Property]
    var parameters: [Parameter]
    var assignments: [String]
    var columns: [ColumnDescriptor]
    var keys: [Key]
    var uniqueKeys: [Key]
    var select: String
    var count: String
    var delete: String
    var primaryKey: String
    var finds: [Entry]
    var sourceColumns: String
    var sourceTypes: String
    var sourceRowTypes: String
    var sourceUsesValues: Bool
    var insertHead: String
    var insertTail: String
    var upserts: [Entry]
    var updateHead: String
    var updateTail: String
    var decoded: [Decoded]
    var encodedRow: [String]
    var firstColumn: String
    var encodedColumns: [String]
    var copyTable: String
    var copyColumns: String
    var copiedRow: [String]
}

struct SchemaContext {
    /// The schema files, as the "generated from" line names them.
    var sourceNames: [String]
    var modelNames: [String]
    var scripts: [ScriptContext]
}

/// The DDL of one dialect: its header's lines and its statements, each as its lines.
struct ScriptContext {
    struct Statement {
        var lines: [String]
    }

    /// The property that holds it (`postgresql`).
    var name: String
    var header: [String]
    var statements: [Statement]
}
