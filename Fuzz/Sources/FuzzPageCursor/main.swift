import FuzzSupport

runFuzzer(seeds: PageCursorSeeds.all, fuzzPageCursor)
