import CLibFuzzer
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs libFuzzer with this process's arguments on `target`, after writing the seeds when
/// asked (see ``writeSeedsIfAsked(_:)``); exits with libFuzzer's exit code.
public func runFuzzer(seeds: @autoclosure () -> [[UInt8]], _ target: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    writeSeedsIfAsked(seeds())
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, target))
}

/// The input libFuzzer passes, as an array.
public func fuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}
