import Mustache

// Field lookup for the templates without reflection (Mirror made rendering 5x slower).

/// What an optional field gives when it is nil: `false`, which skips a section like nil does,
/// but ends the lookup there. A nil would send Mustache up the context stack to ask every
/// enclosing context for the same key (a dozen string comparisons and dynamic casts each), for
/// every absent default and cast of every column.
private func orAbsent(_ value: Any?) -> Any { value ?? false }

extension SwiftFileContext: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "sourceName": self.sourceName
        case "enums": self.enums
        case "models": self.models
        default: nil
        }
    }
}

extension EnumContext: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "docs": self.docs
        case "name": self.name
        case "sqlName": self.sqlName
        case "cases": self.cases
        default: nil
        }
    }
}

extension EnumContext.Case: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "docs": self.docs
        case "name": self.name
        default: nil
        }
    }
}

extension ModelContext: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "docs": self.docs
        case "modelName": self.modelName
        case "tableName": self.tableName
        case "quotedTable": self.quotedTable
        case "primaryKeyType": self.primaryKeyType
        case "properties": self.properties
        case "propertyNames": self.propertyNames
        case "parameters": self.parameters
        case "columns": self.columns
        case "keys": self.keys
        case "uniqueKeys": self.uniqueKeys
        case "firstColumn": self.firstColumn
        case "get": self.get
        case "select": self.select
        case "selectWithTotal": self.selectWithTotal
        case "count": self.count
        case "exists": self.exists
        case "delete": self.delete
        case "deleteByID": self.deleteByID
        case "deleteByIDs": self.deleteByIDs
        case "insert": self.insert
        case "update": self.update
        case "usesValues": self.usesValues
        case "decoded": self.decoded
        case "encoded": self.encoded
        case "encodedNames": self.encodedNames
        case "copyTable": self.copyTable
        case "copyColumns": self.copyColumns
        case "copySkipsID": self.copySkipsID
        case "returning": self.returning
        case "partialUpdateHead": self.partialUpdateHead
        case "partialUpdateAutomatic": self.partialUpdateAutomatic
        case "versionField": orAbsent(self.versionField)
        case "parents": self.parents
        case "children": self.children
        case "manyToMany": self.manyToMany
        default: nil
        }
    }
}

extension ModelContext.Relation: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": self.name
        case "loader": self.loader
        case "field": self.field
        case "model": self.model
        case "load": self.load
        case "exists": self.exists
        default: nil
        }
    }
}

extension ModelContext.Property: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "docs": self.docs
        case "name": self.name
        case "type": self.type
        default: nil
        }
    }
}

extension ModelContext.Parameter: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": self.name
        case "type": self.type
        case "defaultValue": orAbsent(self.defaultValue)
        default: nil
        }
    }
}

extension ModelContext.ColumnDescriptor: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "doc": self.doc
        case "name": self.name
        case "quotedName": self.quotedName
        case "valueType": self.valueType
        case "castType": orAbsent(self.castType)
        default: nil
        }
    }
}

extension ModelContext.Key: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "doc": self.doc
        case "fieldList": self.fieldList
        case "caseName": self.caseName
        case "constraint": self.constraint
        case "isPrimaryKey": self.isPrimaryKey
        case "fields": self.fields
        case "columns": self.columns
        case "positions": self.positions
        case "find": self.find
        case "upsert": self.upsert
        case "conflictInsert": self.conflictInsert
        case "conflictTarget": self.conflictTarget
        case "conflictAutomatic": self.conflictAutomatic
        case "conflictCondition": orAbsent(self.conflictCondition)
        default: nil
        }
    }
}

extension ModelContext.Key.Field: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "schemaName": self.schemaName
        case "name": self.name
        case "type": self.type
        default: nil
        }
    }
}

extension ModelContext.Write: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "single": self.single
        case "unnest": orAbsent(self.unnest)
        case "values": orAbsent(self.values)
        default: nil
        }
    }
}

extension ModelContext.Write.Values: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "head": self.head
        case "types": self.types
        case "tail": self.tail
        default: nil
        }
    }
}

extension ModelContext.Decoded: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "label": self.label
        case "member": self.member
        case "type": self.type
        case "index": self.index
        default: nil
        }
    }
}

extension ModelContext.Encoded: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": self.name
        case "isArray": self.isArray
        case "isOptional": self.isOptional
        default: nil
        }
    }
}

extension SwiftDefault: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "isNewUUID": self.isNewUUID
        case "isNow": self.isNow
        case "literal": orAbsent(self.literal)
        case "decimalInteger": orAbsent(self.decimalInteger)
        case "decimalText": orAbsent(self.decimalText)
        case "string": orAbsent(self.string)
        case "json": orAbsent(self.json)
        case "uuid": orAbsent(self.uuid)
        case "enumCase": orAbsent(self.enumCase)
        default: nil
        }
    }
}

extension SchemaContext: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "sourceNames": self.sourceNames
        case "modelNames": self.modelNames
        case "scripts": self.scripts
        case "migrations": self.migrations
        default: nil
        }
    }
}

extension MigrationContext: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "id": self.id
        case "scripts": self.scripts
        default: nil
        }
    }
}

extension MigrationContext.DialectSQL: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "dialect": self.dialect
        case "text": self.text
        default: nil
        }
    }
}

extension ScriptContext: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": self.name
        case "header": self.header
        case "statements": self.statements
        default: nil
        }
    }
}
