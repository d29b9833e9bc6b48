/// A small schema the property test edits at random: models with scalar and enum fields,
/// optional references, indexes, and one enum, written out as `.schema` text.
struct RandomSchema {
    struct Field {
        var name: String
        var type: String
        var optional: Bool
        var defaultValue: String?
        var renamedFrom: String?
        var reference: (model: String, onDelete: String)?
    }

    struct Model {
        var name: String
        var renamedFrom: String?
        var fields: [Field]
        var indexes: [[String]]
    }

    var models: [Model] = []
    var enumCases = ["alpha", "beta"]
    private var counter = 0
    /// Models and fields added since the last ``settle()``: renaming one declares no rename.
    private var fresh: Set<String> = []

    /// The schema text.
    var text: String {
        var lines = ["enum Kind {"] + enumCases.map { "    \($0)" } + ["}"]
        for model in models {
            lines.append("model \(model.name): UUIDBase {")
            if let old = model.renamedFrom { lines.append("    @@renamed(from: \"\(old)\")") }
            for field in model.fields {
                var line = "    \(field.name): \(field.type)\(field.optional ? "?" : "")"
                if let value = field.defaultValue { line += " = \(value)" }
                if let old = field.renamedFrom { line += " @renamed(from: \"\(old)\")" }
                if let reference = field.reference { line += " @references(\(reference.model), onDelete: \(reference.onDelete))" }
                lines.append(line)
            }
            for index in model.indexes { lines.append("    @@index(\(index.joined(separator: ", ")))") }
            lines.append("}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    mutating func freshName(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)\(counter)"
    }

    /// Forgets the renames once migrated (they would be ignored anyway).
    mutating func settle() {
        fresh = []
        for model in models.indices {
            models[model].renamedFrom = nil
            for field in models[model].fields.indices { models[model].fields[field].renamedFrom = nil }
        }
    }

    static let scalarDefaults: [(type: String, value: String)] = [
        ("String", "\"x\""), ("Int32", "3"), ("Int64", "4"), ("Float", "1.5"), ("Double", "2.5"), ("Bool", "true"), ("Kind", "alpha"),
    ]

    /// One random edit; returns what it did, for the failure message.
    mutating func edit(_ random: inout SplitMix64) -> String {
        if models.isEmpty { return addModel(&random) }
        let model = Int(random.next() % UInt64(models.count))
        switch random.next() % 13 {
        case 0: return addModel(&random)
        case 1, 2:
            let (type, value) = Self.scalarDefaults[Int(random.next() % UInt64(Self.scalarDefaults.count))]
            let optional = random.next() % 2 == 0
            let name = freshName("f")
            fresh.insert(name)
            models[model].fields.append(Field(name: name, type: type, optional: optional, defaultValue: optional ? nil : value))
            return "add \(models[model].name).\(name): \(type)\(optional ? "?" : "")"
        case 3:
            guard let field = models[model].fields.indices.randomElement(using: &random) else { return "nothing" }
            let name = models[model].fields[field].name
            models[model].fields.remove(at: field)
            models[model].indexes.removeAll { $0.contains(name) }
            return "drop \(models[model].name).\(name)"
        case 4:
            guard let field = models[model].fields.indices.randomElement(using: &random) else { return "nothing" }
            let old = models[model].fields[field].name
            let new = freshName("r")
            models[model].fields[field].name = new
            if fresh.contains(old) || fresh.contains(models[model].name) {
                fresh.insert(new)
            } else if models[model].fields[field].renamedFrom == nil {
                models[model].fields[field].renamedFrom = old
            }
            models[model].indexes = models[model].indexes.map { $0.map { $0 == old ? new : $0 } }
            return "rename \(models[model].name).\(old) to \(new)"
        case 5:
            guard let field = models[model].fields.indices.randomElement(using: &random), models[model].fields[field].reference == nil
            else { return "nothing" }
            var value = models[model].fields[field]
            if value.optional {
                value.optional = false
                value.defaultValue = Self.scalarDefaults.first { $0.type == value.type }?.value
            } else {
                value.optional = true
                if random.next() % 2 == 0 { value.defaultValue = nil }
            }
            models[model].fields[field] = value
            return "toggle \(models[model].name).\(value.name) optional: \(value.optional)"
        case 6:
            guard let field = models[model].fields.firstIndex(where: { $0.type == "Int32" || $0.type == "Float" }) else { return "nothing" }
            let wider = models[model].fields[field].type == "Int32" ? "Int64" : "Double"
            models[model].fields[field].type = wider
            return "widen \(models[model].name).\(models[model].fields[field].name) to \(wider)"
        case 7:
            guard let field = models[model].fields.randomElement(using: &random), !models[model].indexes.contains([field.name]) else { return "nothing" }
            models[model].indexes.append([field.name])
            return "index \(models[model].name).\(field.name)"
        case 8:
            guard let index = models[model].indexes.indices.randomElement(using: &random) else { return "nothing" }
            models[model].indexes.remove(at: index)
            return "drop an index of \(models[model].name)"
        case 9:
            let value = freshName("k")
            if random.next() % 2 == 0 { enumCases.insert(value, at: 0) } else { enumCases.append(value) }
            return "enum case \(value)"
        case 10:
            let old = models[model].name
            let new = freshName("Model")
            models[model].name = new
            if fresh.contains(old) {
                fresh.insert(new)
            } else if models[model].renamedFrom == nil {
                models[model].renamedFrom = old
            }
            for other in models.indices {
                for field in models[other].fields.indices where models[other].fields[field].reference?.model == old {
                    models[other].fields[field].reference?.model = new
                }
            }
            return "rename model \(old) to \(new)"
        case 11:
            guard let field = models[model].fields.firstIndex(where: { $0.defaultValue != nil && $0.type == "Int64" || $0.type == "Int32" })
            else { return "nothing" }
            models[model].fields[field].defaultValue = String(random.next() % 100)
            return "default of \(models[model].name).\(models[model].fields[field].name)"
        default:
            let name = models[model].name
            guard !models.contains(where: { $0.fields.contains { $0.reference?.model == name } }) else { return "nothing" }
            models.remove(at: model)
            return "drop model \(name)"
        }
    }

    private mutating func addModel(_ random: inout SplitMix64) -> String {
        let name = freshName("Model")
        fresh.insert(name)
        var fields = [Field(name: freshName("f"), type: "String", optional: true, defaultValue: nil)]
        if let target = models.randomElement(using: &random) {
            let onDelete = ["setNull", "cascade", "restrict"][Int(random.next() % 3)]
            fields.append(Field(name: freshName("ref"), type: "UUID", optional: true, defaultValue: nil, reference: (target.name, onDelete)))
        }
        models.append(Model(name: name, fields: fields, indexes: fields.count > 1 ? [[fields[1].name]] : []))
        return "add model \(name)"
    }
}

/// A seeded generator (SplitMix64): the same seed, the same edits, on every machine.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
