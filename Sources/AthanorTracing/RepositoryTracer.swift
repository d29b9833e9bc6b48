// AthanorTracing is built against its package only when Athanor's package trait "Tracing" is enabled
// (Package.swift, `traits`). Without it the module holds only an unavailable placeholder, so a
// consumer that names the product without the trait gets an error saying what to add.
import Athanor

#if Tracing
import Tracing

/// Starts a client span per repository call through swift-distributed-tracing, so a trace shows
/// each database call under the request that made it.
///
/// ```swift
/// import AthanorTracing
///
/// InstrumentationSystem.bootstrap(myTracer)       // once, at start-up (swift-otel, ...)
/// RepositoryTracer.install()                      // then every repository call is a span
/// ```
///
/// A span is named by the statement kind and the table (`"INSERT users"`) and carries the
/// OpenTelemetry database attributes `db.operation.name` (`INSERT`) and `db.collection.name`
/// (`users`), plus `athanor.operation` (the repository method: `upsertMany`). Never a value, a
/// filter's operands or SQL text. A call that throws records the error (its description, which
/// never holds values either) and sets the span's status to error. The span covers the whole
/// call, the retries of a conflict included; its parent is the caller's current context.
public struct RepositoryTracer: RepositoryCallObserver {
    private let tracer: any Tracer

    /// Spans from `tracer` (the bootstrapped `InstrumentationSystem.tracer` by default).
    public init(tracer: any Tracer = InstrumentationSystem.tracer) {
        self.tracer = tracer
    }

    /// Installs a tracer of `InstrumentationSystem`'s tracer as the process's repository call
    /// observer (see `RepositoryCallObservers`).
    public static func install() {
        RepositoryCallObservers.install(RepositoryTracer())
    }

    /// Starts the call's span, a child of the caller's current context.
    public func callStarted(_ call: RepositoryCallDescription) -> any RepositoryCallObservation {
        SpanEnd(span: startSpan(tracer, call))
    }

    private func startSpan(_ tracer: some Tracer, _ call: RepositoryCallDescription) -> any Span {
        let span = tracer.startSpan("\(call.statementKind) \(call.table)", ofKind: .client)
        span.attributes["db.operation.name"] = call.statementKind
        span.attributes["db.collection.name"] = call.table
        span.attributes["athanor.operation"] = call.operation
        return span
    }
}

/// Ends a call's span, with its error.
private struct SpanEnd: RepositoryCallObservation {
    let span: any Span

    func callEnded(error: (any Error)?) {
        if let error {
            span.recordError(error)
            span.setStatus(SpanStatus(code: .error))
        }
        span.end()
    }
}

#else
/// Unavailable: Athanor's package trait "Tracing" is not enabled.
///
/// Enable it where your package depends on Athanor:
/// `.package(name: "Athanor", path: "../athanor", traits: ["Tracing"])` (or the `url:` form, with the same
/// `traits:`).
@available(*, unavailable, message: "AthanorTracing needs Athanor's package trait \"Tracing\": add traits: [\"Tracing\"] where your package depends on Athanor")
public struct RepositoryTracer: Sendable {
    /// Unavailable: enable the trait "Tracing".
    @available(*, unavailable, message: "AthanorTracing needs Athanor's package trait \"Tracing\": add traits: [\"Tracing\"] where your package depends on Athanor")
    public init() {}

    /// Unavailable: enable the trait "Tracing".
    @available(*, unavailable, message: "AthanorTracing needs Athanor's package trait \"Tracing\": add traits: [\"Tracing\"] where your package depends on Athanor")
    public static func install() {}
}
#endif
