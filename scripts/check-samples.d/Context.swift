// What the documentation's samples use without declaring it (scripts/check-samples gives each
// sample's function the names as parameters).
import Athanor
import AthanorTesting
import Foundation
import Logging
import ServiceLifecycle
import ShopModels

/// Stands for the application's other services in the service-lifecycle samples.
struct HTTPServer: Service {
    func run() async throws {}
}

extension TestSchema {
    /// The schema of the README's database test (`.database(.shop)`), as a consumer declares it.
    static let shop = TestSchema("Shop", ddl: AthanorSchema.script(for:))
}
