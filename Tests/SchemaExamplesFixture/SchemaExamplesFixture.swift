// The schemas of schemas/ (links) other than Shop.schema; AthanorPlugin generates the rest.
