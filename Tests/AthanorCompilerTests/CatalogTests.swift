import AthanorCompiler
import Testing

/// The catalog of the reference schema: what the Swift back end will read.
@Suite struct CatalogTests {
    private func shopCatalog() throws -> Catalog {
        let text = try RepositoryFiles.text(RepositoryFiles.schemas.appending(path: "Shop.schema"))
        let result = Compiler.compile(sources: [SourceFile(path: "schemas/Shop.schema", text: text)])
        return try #require(result.catalog)
    }

    @Test func modelsAndEnumsInDeclarationOrder() throws {
        let catalog = try shopCatalog()
        #expect(catalog.sourceFiles == ["schemas/Shop.schema"])
        #expect(catalog.models.map(\.name) == ["User", "Order", "Product", "AuditEvent"])
        #expect(catalog.models.map(\.tableName) == ["users", "orders", "product", "audit_events"])
        #expect(catalog.models.map(\.base) == [.uuidAudit, .uuidAudit, .uuid, .bigIntAudit])
        #expect(catalog.enums.map(\.name) == ["OrderStatus"])
        #expect(catalog.enums.first?.sqlName == "order_status")
        #expect(catalog.enums.first?.cases.map(\.name) == ["pending", "paid", "shipped", "cancelled"])
        #expect(catalog.enums.first?.documentation == "Lifecycle of an order. Doc comments (///) carry into the generated Swift.")
        #expect(catalog.models.allSatisfy { $0.sourceFile == "schemas/Shop.schema" })
    }

    @Test func columnsIncludeTheBaseColumns() throws {
        let user = try #require(try shopCatalog().model(named: "User"))
        #expect(user.columns.map(\.name) == ["id", "email", "name", "nickname", "loginCount", "preferences", "roles", "createdAt", "updatedAt"])
        #expect(user.columns.map(\.role) == [.primaryKey, .field, .field, .field, .field, .field, .field, .createdAt, .updatedAt])
        #expect(user.column(named: "loginCount")?.sqlName == "login_count")
        #expect(user.column(named: "loginCount")?.defaultValue == .integer(0))
        #expect(user.column(named: "nickname")?.type == ColumnType(element: .scalar(.string), isOptional: true))
        #expect(user.column(named: "roles")?.type == ColumnType(element: .scalar(.string), isArray: true))
        #expect(user.column(named: "roles")?.defaultValue == .emptyArray)
        #expect(user.column(named: "preferences")?.defaultValue == .string("{}"))
        #expect(user.column(named: "id")?.defaultValue == .generatedID)
        #expect(user.column(named: "createdAt")?.defaultValue == .now)
        #expect(user.declaredColumns.count == 6)
        #expect(user.documentation?.hasPrefix("A customer account.\nUUIDAuditBase adds:") == true)
    }

    @Test func matchKeysForeignKeysAndIndexes() throws {
        let catalog = try shopCatalog()
        let user = try #require(catalog.model(named: "User"))
        #expect(user.matchKeys == [
            MatchKey(kind: .primaryKey, constraintName: "users_pkey", columns: ["id"]),
            MatchKey(kind: .unique, constraintName: "users_email_key", columns: ["email"]),
        ])
        #expect(user.indexes == [TableIndex(name: "users_created_at_idx", columns: ["createdAt"], isHashSharded: true)])
        let order = try #require(catalog.model(named: "Order"))
        #expect(order.uniqueKeys == [MatchKey(kind: .unique, constraintName: "orders_customer_id_external_ref_key", columns: ["customerID", "externalRef"])])
        #expect(order.foreignKeys == [ForeignKey(column: "customerID", referencedModel: "User", referencedTable: "users",
                                                 referencedColumn: "id", onDelete: .cascade, constraintName: "orders_customer_id_fkey")])
        #expect(order.column(named: "status")?.type.element == .enumeration("OrderStatus"))
        #expect(order.column(named: "status")?.defaultValue == .enumCase("pending"))
        #expect(order.column(named: "placedAt")?.defaultValue == .now)
        #expect(order.sqlNames(of: order.uniqueKeys.first?.columns ?? []) == ["customer_id", "external_ref"])
        #expect(order.columns.filter { !$0.hasDefault }.map(\.name) == ["customerID", "externalRef", "totalCents", "note"])
        let audit = try #require(catalog.model(named: "AuditEvent"))
        #expect(audit.column(named: "id")?.type.element == .scalar(.int64))
    }

    @Test func catalogIsAHashableValue() throws {
        #expect(try shopCatalog() == shopCatalog())
        #expect(Set([try shopCatalog(), try shopCatalog()]).count == 1)
    }
}

/// `athanor check schemas/` reads every example as one schema: their names must not collide.
@Test func theExampleSchemasCompileTogether() throws {
    let files = RepositoryFiles.schemaFiles(in: RepositoryFiles.schemas)
    let sources = try files.map { SourceFile(path: $0.lastPathComponent, text: try RepositoryFiles.text($0)) }
    let result = Compiler.compile(sources: sources)
    #expect(!result.hasErrors, "\(DiagnosticFormatter(sources: sources).format(result.diagnostics))")
    #expect(sources.count == 5)
}
