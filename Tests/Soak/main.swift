// athanor-soak: a bank workload through the fault proxy, with faults in the middle, then a check
// that nothing acknowledged was lost, nothing applied twice, and no connection leaked.
// Run it with scripts/soak [SECONDS], which builds it in release mode and starts the server.
import Glibc

let settings: SoakSettings
do {
    settings = try SoakSettings(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    SoakLog.write("athanor-soak: \(error)")
    SoakLog.write("usage: athanor-soak [SECONDS]   (under scripts/with-postgres; scripts/soak does it all)")
    exit(2)
}
exit(await SoakRun(settings: settings).run())
