import AthanorTesting
import ShopModels

extension TestSchema {
    /// Shop.schema, from its generated schema type: every test database gets its tables (by its
    /// migrations once ShopModels has a migrations/ folder, by its DDL until then).
    static let shop = TestSchema("Shop", ddl: AthanorSchema.script(for:), migrations: AthanorSchema.migrations)
}
