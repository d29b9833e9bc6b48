import ArgumentParser
import AthanorCompilerIO

/// Runs `body`, turning its `CommandFailure` into ArgumentParser's `ExitCode` of the same status
/// (the statuses are in `CommandFailure`: 1 schema errors or drift, 2 bad paths).
func exitingWithStatus<T>(_ body: () throws(CommandFailure) -> T) throws(ExitCode) -> T {
    do {
        return try body()
    } catch {
        throw ExitCode(error.status)
    }
}
