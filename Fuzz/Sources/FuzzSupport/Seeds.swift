#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes `seeds` as files `seed-<n>` into the folder named by `ATHANOR_FUZZ_WRITE_SEEDS`, then
/// exits; does nothing when that variable is not set. Called from `LLVMFuzzerInitialize`, so that
/// scripts/fuzz fills a temporary corpus from the seeds each target defines in code.
public func writeSeedsIfAsked(_ seeds: [[UInt8]]) {
    guard let folder = getenv("ATHANOR_FUZZ_WRITE_SEEDS").map({ String(cString: $0) }) else { return }
    for (index, seed) in seeds.enumerated() {
        let path = "\(folder)/seed-\(index)"
        guard let file = fopen(path, "wb") else {
            writeToStandardError("cannot write \(path)\n")
            exit(2)
        }
        _ = seed.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
    }
    exit(0)
}
