import Testing

/// Every server test of this target, one at a time: they are heavy (100,000-row upserts), and
/// run in parallel they would starve the timing-sensitive pool tests of the other targets.
@Suite(.serialized, .tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
enum GeneratedCodeOnTheServer {}
