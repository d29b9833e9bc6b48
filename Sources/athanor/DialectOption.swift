import ArgumentParser
import AthanorCompiler

/// A dialect on the command line.
enum DialectOption: String, ExpressibleByArgument, CaseIterable {
    case postgresql
    case cockroachdb

    var dialect: SQLDialect {
        switch self {
        case .postgresql: .postgresql
        case .cockroachdb: .cockroachdb
        }
    }
}
