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
        case "name": self.name
        case "tableName": self.tableName
        case "repository": self.repository
        case "blockingRepository": self.blockingRepository
        case "idType": self.idType
        case "properties": self.properties
        case "parameters": self.parameters
        case "assignments": self.assignments
        case "columns": self.columns
        case "keys": self.keys
        case "uniqueKeys": self.uniqueKeys
        case "select": self.select
        case "count": self.count
        case "delete": self.delete
        case "primaryKey": self.primaryKey
        case "finds": self.finds
        case "sourceColumns": self.sourceColumns
        case "sourceTypes": self.sourceTypes
        case "sourceRowTypes": self.sourceRowTypes
        case "sourceUsesValues": self.sourceUsesValues
        case "insertHead": self.insertHead
        case "insertTail": self.insertTail
        case "upserts": self.upserts
        case "updateHead": self.updateHead
        case "updateTail": self.updateTail
        case "decoded": self.decoded
        case "encodedRow": self.encodedRow
        case "firstColumn": self.firstColumn
        case "encodedColumns": self.encodedColumns
        case "copyTable": self.copyTable
        case "copyColumns": self.copyColumns
        case "copiedRow": self.copiedRow
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
        case "defaultClause": self.defaultClause
        case "comma": self.comma
        default: nil
        }
    }
}

extension ModelContext.ColumnDescriptor: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "modelName": self.modelName
        case "docs": self.docs
        case "name": self.name
        case "valueType": self.valueType
        case "sqlLiteral": self.sqlLiteral
        case "castArgument": self.castArgument
        default: nil
        }
    }
}

extension ModelContext.Key: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "modelName": self.modelName
        case "docs": self.docs
        case "caseName": self.caseName
        case "constraint": self.constraint
        case "parameters": self.parameters
        case "arguments": self.arguments
        case "isUnique": self.isUnique
        default: nil
        }
    }
}

extension ModelContext.Entry: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "key": self.key
        case "value": self.value
        case "comma": self.comma
        default: nil
        }
    }
}

extension ModelContext.Decoded: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": self.name
        case "type": self.type
        case "index": self.index
        case "comma": self.comma
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
