// BenchModels: the models and repositories that AthanorPlugin generates from Shop.schema (a link
// to the repository's schemas/Shop.schema), as a consumer's target would have them. The plugin
// needs a Swift file besides the schema in the target: this one.
import Athanor
