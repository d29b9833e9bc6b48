import FuzzSupport

runFuzzer(seeds: URLSeeds.all, fuzzURL)
