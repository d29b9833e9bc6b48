// The Shop.schema of this target is a link to schemas/Shop.schema; AthanorPlugin generates the rest.
