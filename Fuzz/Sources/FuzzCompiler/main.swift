import FuzzSupport

runFuzzer(seeds: [], fuzzCompiler)
