import AthanorTesting
import ShopModels

extension TestSchema {
    /// Shop.schema, from its generated schema type: every test database gets its tables.
    static let shop = TestSchema("Shop", ddl: AthanorSchema.script(for:))
}
