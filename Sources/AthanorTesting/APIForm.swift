import Foundation
import Testing

/// The two forms of Athanor's API, for a test that runs its body once per form
/// (`@Test(arguments: APIForm.allCases)`): the async repositories and transactions, and the
/// blocking ones, which ``runBlocking(_:)`` calls on a thread of their own.
public enum APIForm: String, Sendable, CaseIterable, CustomTestStringConvertible {
    /// `UserRepository`, `pool.transaction { ... }`.
    case async
    /// `UserBlockingRepository`, `pool.transactionBlocking { ... }`.
    case blocking

    /// The tag of tests of this form.
    public var tag: Tag {
        switch self {
        case .async: .async
        case .blocking: .blocking
        }
    }

    /// `async` or `blocking`, in test names of parameterised tests.
    public var testDescription: String { rawValue }
}

/// Runs blocking work (a blocking repository's calls) on a thread of its own, never on Swift's
/// cooperative pool, and returns its result.
///
/// ```swift
/// let user = try await runBlocking { try UserBlockingRepository(pool).create(ada) }
/// ```
public func runBlocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}
