// What the documentation's samples use without declaring it (scripts/check-samples gives each
// sample's function the names as parameters).
import Athanor
import Foundation
import Logging
import ServiceLifecycle
import ShopModels

/// Stands for the application's other services in the service-lifecycle samples.
struct HTTPServer: Service {
    func run() async throws {}
}
