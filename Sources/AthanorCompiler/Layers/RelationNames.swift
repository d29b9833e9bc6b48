/// The names of the members generated for references (`@references`), decided once for the
/// checker (which reports collisions) and the Swift back end (which declares them).
///
/// For `Order.customerID -> User`: the referenced row is `customer` (the field without `ID`), its
/// loader `customers(for:)`; the referencing rows are `orders` on `User` (the referencing
/// model's plural). `@references(User, name: buyer, inverse: purchases)` renames them. A join
/// model (two required references and a unique key over both) adds a many-to-many member on
/// each side, named after the other side's reference (`Page.tags`, `Tag.pages`).
public enum RelationNames {
    /// The member for the row `key` references: `customer` for `customerID`; `ownerRow` for a
    /// field without the `ID` suffix (`owner`), whose own name the field has.
    public static func parent(_ key: ForeignKey) -> String {
        if let name = key.name { return name }
        for suffix in ["ID", "Id"] where key.column.hasSuffix(suffix) && key.column.count > suffix.count {
            return String(key.column.dropLast(suffix.count))
        }
        return key.column + "Row"
    }

    /// The member for the rows of `model` that reference a row of `referenced` through `key`:
    /// `orders`. It is `ordersByCustomer` (the plural, `By`, the reference's member) when
    /// `model` has several references to the same model (`transfersByFrom`, `transfersByTo`),
    /// or when the plural is taken on `referenced` already, by a field or by the loader of one of
    /// its own references (`Book.authorID` loads `authors(for:)`, so the authors whose
    /// `favoriteBookID` is a book are `authorsByFavoriteBook`).
    public static func children(_ key: ForeignKey, of model: Model, referenced: Model?) -> String {
        if let name = key.inverseName { return name }
        let base = plural(lowerFirst(model.name))
        let siblings = model.foreignKeys.filter { $0.referencedModel == key.referencedModel && $0.inverseName == nil }
        let taken = referenced.map { referenced in
            referenced.column(named: base) != nil || referenced.foreignKeys.contains { plural(parent($0)) == base || parent($0) == base }
        } ?? false
        guard siblings.count > 1 || taken else { return base }
        let member = parent(key)
        return base + "By" + member.prefix(1).uppercased() + member.dropFirst()
    }

    /// The two references of `model` when it is a join model: exactly two foreign keys, both
    /// required, and a unique key over both columns; nil otherwise.
    public static func joinReferences(of model: Model) -> (ForeignKey, ForeignKey)? {
        guard model.foreignKeys.count == 2 else { return nil }
        let first = model.foreignKeys[0], second = model.foreignKeys[1]
        let required = [first, second].allSatisfy { key in model.column(named: key.column).map { !$0.isOptional } ?? false }
        let unique = model.uniqueKeys.contains { Set($0.columns) == [first.column, second.column] }
        return required && unique ? (first, second) : nil
    }

    /// The many-to-many member, on the model `from` references, for the rows `to` references (`tags`).
    public static func manyToMany(to key: ForeignKey) -> String {
        plural(parent(key))
    }

    /// `customers` for `customer`, `categories` for `category`, `boxes` for `box`.
    public static func plural(_ word: String) -> String {
        let lower = word.lowercased()
        if lower.hasSuffix("y"), let before = lower.dropLast().last, !"aeiou".contains(before) { return word.dropLast() + "ies" }
        if ["s", "x", "z", "ch", "sh"].contains(where: lower.hasSuffix) { return word + "es" }
        return word + "s"
    }

    /// `bookCopy` for `BookCopy`, `url` for `URL`.
    static func lowerFirst(_ name: String) -> String {
        let upper = name.prefix { $0.isUppercase }
        guard !upper.isEmpty else { return name }
        // `URLRecord` -> `urlRecord`: all leading capitals but the one that starts the next word.
        let lowered = upper.count > 1 && upper.count < name.count ? upper.dropLast() : upper[...]
        return lowered.lowercased() + name.dropFirst(lowered.count)
    }
}
