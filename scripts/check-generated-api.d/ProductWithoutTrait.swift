// scripts/check-generated-api: AthanorMetrics named without Athanor's "Metrics" trait. It must not
// compile, and the error must say which trait to enable.
import Athanor
import AthanorMetrics

func publish(_ pool: ConnectionPool) {
    _ = PoolMetrics(pool)
}
