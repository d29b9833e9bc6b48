import FuzzSupport

runFuzzer(seeds: SplitterSeeds.all, fuzzSQLSplitter)
