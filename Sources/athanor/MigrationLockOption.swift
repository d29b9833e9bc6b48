import ArgumentParser
import Athanor

/// The lock `migrate apply` takes against concurrent appliers, on the command line.
enum MigrationLockOption: String, ExpressibleByArgument, CaseIterable {
    case advisory
    case leaseRow = "lease-row"

    var lock: MigrationOptions.Lock {
        switch self {
        case .advisory: .advisory
        case .leaseRow: .leaseRow
        }
    }
}
