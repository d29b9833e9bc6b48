import FuzzSupport

runFuzzer(seeds: MigrationFolderSeeds.all, fuzzMigrationFolder)
