import FuzzSupport

runFuzzer(seeds: DecoderSeeds.all, fuzzDecoders)
