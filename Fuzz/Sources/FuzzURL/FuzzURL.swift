@testable import Athanor
import FuzzSupport

// Two kinds of input.
//
// Raw (any input not starting with 0x01): the bytes, decoded as UTF-8, are a URL. When it parses:
//  - no password of four characters or more shows in its description or its reflection (`dump`)
//    unless the password is a substring of the other parts;
//  - the description parses again, to the same description and the same hosts, user, database
//    and parameters (secrets print as `***`, so their values cannot come back; a URL without a
//    secret comes back without one).
//
// Composed (input `0x01 user 0x01 password 0x01 hosts 0x01 database 0x01 query`): the URL
// `postgresql://user:password@hosts/database?query` with the password written as it is, not
// percent-encoded, as a user might. The user and hosts have the URL's delimiters removed, so
// that the password is the only part that can be misread. Whether it parses or not:
//  - a URL that parses is read as written: a password without `%` is the password read;
//  - no piece of the password (a run of four characters or more between delimiters that is no
//    substring of the other parts) shows in the description or in the error's text.

func fuzzURL(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    if input.first == 0x01 {
        checkComposed(input)
    } else {
        checkRaw(input)
    }
    return 0
}

func checkRaw(_ input: [UInt8]) {
    guard let url = try? DatabaseURL(String(decoding: input, as: UTF8.self)) else { return }
    let description = url.description
    if let password = url.password, password.count >= 4 {
        var others = url
        others.password = nil
        let rest = others.description + "\u{0}" + (others.user ?? "") + "\u{0}" + others.parameterValues.joined(separator: "\u{0}")
            + "\u{0}" + others.endpoints.map(\.host).joined(separator: "\u{0}") + "\u{0}" + (others.database ?? "")
        if !rest.contains(password) {
            if description.contains(password) {
                propertyFailed("password in the description", description, input: input)
            }
            var reflection = ""
            dump(url, to: &reflection)
            // The same URL with another password of the same length: the reflection's own
            // labels ("password", "sslpassword") show there as often as here.
            var masked = url
            masked.password = String(repeating: "Q", count: password.count)
            var baseline = ""
            dump(masked, to: &baseline)
            if reflection.count(of: password) > baseline.count(of: password) {
                propertyFailed("password in the reflection (dump)", "", input: input)
            }
        }
    }
    let reparsed: DatabaseURL
    do {
        reparsed = try DatabaseURL(description)
    } catch {
        propertyFailed("description does not parse", "\(description)\n\(error)", input: input)
        return
    }
    guard reparsed.description == description else {
        propertyFailed("description does not round-trip", "\(description)\n\(reparsed.description)", input: input)
        return
    }
    if !sameExceptSecrets(url, reparsed) || (url.secrets.isEmpty && reparsed.secrets != url.secrets) {
        propertyFailed("the description parses back to another URL", "\(description)\nfirst: \(fields(url))\nthen:  \(fields(reparsed))", input: input)
    }
}

/// Equal hosts, ports, user, database and parameters, the values of secret ones aside.
/// (`==` compares descriptions, and two URLs can print the same: a host `a@b`, and a user `a` on
/// host `b`.)
func sameExceptSecrets(_ a: DatabaseURL, _ b: DatabaseURL) -> Bool {
    func visible(_ url: DatabaseURL) -> [String] {
        zip(url.parameterKeys, url.parameterValues).map { DatabaseURL.secretKeys.contains($0) ? $0 : "\($0)=\($1)" }
    }
    return a.dialect == b.dialect && a.endpoints == b.endpoints && a.user == b.user && a.database == b.database
        && visible(a) == visible(b) && (a.password == nil) == (b.password == nil)
}

func fields(_ url: DatabaseURL) -> String {
    "hosts \(url.endpoints.map { "\($0.host)|\($0.port)" }), user \(url.user.map { "'\($0)'" } ?? "nil"), "
        + "password \(url.password == nil ? "nil" : "set"), database \(url.database.map { "'\($0)'" } ?? "nil"), "
        + "parameters \(url.parameterKeys)"
}

func checkComposed(_ input: [UInt8]) {
    var fields = input.dropFirst().split(separator: 0x01, omittingEmptySubsequences: false)
        .map { String(decoding: $0, as: UTF8.self) }
    while fields.count < 5 { fields.append("") }
    let user = fields[0].filter { !"@:/?#%[],".contains($0) }
    let password = fields[1]
    let hosts = fields[2].filter { !"@/?#%".contains($0) }
    let database = fields[3]
    let query = fields[4]
    let text = "postgresql://\(user):\(password)@\(hosts)/\(database)" + (query.isEmpty ? "" : "?\(query)")
    let others = [user, hosts, database, query].joined(separator: "\u{0}")
    let pieces = password.split { "@:/?#,&=%[]".contains($0) }.map(String.init)
        .filter { $0.count >= 4 && !others.contains($0) }
    func show(_ text: String) -> String {
        do { return try DatabaseURL(text).description } catch { return error.description }
    }
    if let url = try? DatabaseURL(text), !password.contains("%"), url.password != password {
        propertyFailed("password misread", "URL: \(text)\nread: user \(url.user ?? "nil"), hosts \(url.endpoints), database \(url.database ?? "nil")", input: input)
    }
    let shown = show(text)
    // The same URL with every letter and digit of the password replaced: what the library's own
    // words hold ("password", "parameter"...) shows there as often as here.
    let masked = maskingLettersAndDigits(password)
    let baseline = show("postgresql://\(user):\(masked)@\(hosts)/\(database)" + (query.isEmpty ? "" : "?\(query)"))
    for piece in pieces where shown.count(of: piece) > baseline.count(of: piece) {
        propertyFailed("a piece of the password is shown", "URL: \(text)\nshown: \(shown)", input: input)
    }
}

extension String {
    /// How many times `piece` occurs (overlaps included).
    func count(of piece: String) -> Int {
        guard !piece.isEmpty else { return 0 }
        var count = 0
        var start = startIndex
        while let range = self[start...].firstRange(of: piece) {
            count += 1
            start = index(after: range.lowerBound)
        }
        return count
    }
}

/// `text` with every letter and digit replaced by `Q`, except the hex digits of a `%XX` escape,
/// so the masked text fails (or parses) the way the original does.
func maskingLettersAndDigits(_ text: String) -> String {
    var result = ""
    var characters = text[...]
    while let first = characters.first {
        let escape = characters.prefix(3)
        if first == "%", escape.count == 3, escape.dropFirst().allSatisfy(\.isHexDigit) {
            result += escape
            characters = characters.dropFirst(3)
            continue
        }
        result.append(first.isLetter || first.isNumber ? "Q" : first)
        characters = characters.dropFirst()
    }
    return result
}
