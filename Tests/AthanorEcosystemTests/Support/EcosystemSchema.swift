import AthanorTesting
import ShopFixture

extension TestSchema {
    /// Shop.schema (ShopFixture), for ShopDatabase (shared with AthanorGeneratedTests).
    static let shopFixture = TestSchema("ShopFixture", ddl: ShopFixture.AthanorSchema.script(for:))
}
