import Mustache

// Field lookup for the templates without reflection (Mirror made rendering 5x slower).

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
        case "primaryKeyType": self.primaryKeyType
        case "properties": self.properties
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
        case "copyTable": self.copyTable
        case "copyColumns": self.copyColumns
        case "copySkipsID": self.copySkipsID
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
        case "sqlName": self.sqlName
        case "isUniqueKey": self.isUniqueKey
        case "referencedModel": self.referencedModel
        default: nil
        }
    }
}

extension ModelContext.Parameter: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": self.name
        case "type": self.type
        case "defaultValue": self.defaultValue
        default: nil
        }
    }
}

extension ModelContext.ColumnDescriptor: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": self.name
        case "quotedName": self.quotedName
        case "schemaType": self.schemaType
        case "valueType": self.valueType
        case "castType": self.castType
        default: nil
        }
    }
}

extension ModelContext.Key: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "caseName": self.caseName
        case "constraint": self.constraint
        case "visibleConstraint": self.visibleConstraint
        case "isPrimaryKey": self.isPrimaryKey
        case "fields": self.fields
        case "columns": self.columns
        case "positions": self.positions
        case "find": self.find
        case "upsert": self.upsert
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
        case "unnest": self.unnest
        case "values": self.values
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
        case "isNil": self.isNil
        case "isNewUUID": self.isNewUUID
        case "isNow": self.isNow
        case "isEmptyArray": self.isEmptyArray
        case "literal": self.literal
        case "decimalInteger": self.decimalInteger
        case "decimalText": self.decimalText
        case "string": self.string
        case "json": self.json
        case "uuid": self.uuid
        case "enumCase": self.enumCase
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

extension ScriptContext.Statement: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "lines": self.lines
        default: nil
        }
    }
}
