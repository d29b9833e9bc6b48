import FuzzSupport

runFuzzer(seeds: [], fuzzMigrationDiff)
