@testable import Athanor
import Testing

/// Issue 13, defect 4: no piece of a password in any description, error or reflection of a URL.
struct URLSecretTests {
    /// Every way a value can be printed: description, debug description, reflection, `dump`.
    static func printedForms(of value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        var forms = ["\(value)", String(reflecting: value), dumped]
        if let debug = value as? any CustomDebugStringConvertible { forms.append(debug.debugDescription) }
        return forms
    }

    /// The pieces of a secret that must show nowhere: the whole, and each run of three or more
    /// letters and digits between its reserved characters.
    static func pieces(of secret: String) -> [String] {
        [secret] + secret.split { !($0.isLetter || $0.isNumber || $0 == "-") }.map(String.init).filter { $0.count >= 3 }
    }

    static func expectNoPiece(of secret: String, in value: Any, sourceLocation: SourceLocation = #_sourceLocation) {
        for text in printedForms(of: value) {
            for piece in pieces(of: secret) {
                #expect(!text.contains(piece), "'\(piece)' shows in \(text)", sourceLocation: sourceLocation)
            }
        }
    }

    /// The two URLs of the issue: their userinfo spilled into the database name, which is printed.
    @Test(arguments: [
        ("postgresql://app:Zq9@Malformed/Pw-77@host/db", "Zq9@Malformed/Pw-77"),
        ("postgresql://app:5432/Secret@host/db", "5432/Secret"),
    ])
    func aPasswordThatSpillsIntoTheDatabaseNameIsRefused(url: String, password: String) {
        do {
            let parsed = try DatabaseURL(url)
            Issue.record("parsed as \(parsed.description)")
        } catch {
            guard case .invalidURL(let reason) = error else { Issue.record("\(error)"); return }
            #expect(reason.contains("%40") && reason.contains("%2F"))
            for piece in Self.pieces(of: password) + ["Malformed", "Pw-77", "Secret"] {
                #expect(!reason.contains(piece), "'\(piece)' quoted in \(reason)")
            }
            Self.expectNoPiece(of: password, in: error)
        }
    }

    static let reserved: [Character] = ["@", "/", "?", "#", ":", "%", "[", "]", ","]
    /// Passwords with each reserved character between distinctive pieces, alone and in pairs.
    static let hostilePasswords: [String] = reserved.map { "Kx7\($0)Vq2" }
        + ["Kx7@Vq2/Wz5", "Kx7/Vq2@Wz5", "Kx7?Vq2@Wz5", "Kx7#Vq2/Wz5", "Kx7%41Vq2", "Kx7]@[Vq2", "Kx7:7654/Vq2"]
    /// Where a password goes: userinfo with one host, several hosts, an IPv6 host, a fragment,
    /// a query, a user name with an `@`, the `password` and `sslpassword` parameters.
    static let shapes: [@Sendable (String) -> String] = [
        { "postgresql://app:\($0)@db1/shop" },
        { "postgresql://app:\($0)@db1:5432,db2:5433/shop?sslmode=disable" },
        { "postgresql://app:\($0)@[::1]:5432/shop" },
        { "cockroachdb://app:\($0)@db1/shop?application_name=x#frag" },
        { "postgresql://ap@p:\($0)@db1/shop" },
        { "postgresql://app:\($0)@db1" },
        { "postgresql:///shop?host=/tmp&user=app&password=\($0)" },
        { "postgresql://app@db1/shop?sslpassword=\($0)&sslmode=require" },
    ]

    @Test func hostilePasswordsAreRefusedOrHiddenEverywhere() {
        var parsed = 0
        var refused = 0
        for password in Self.hostilePasswords {
            for shape in Self.shapes {
                let text = shape(password)
                do {
                    let url = try DatabaseURL(text)
                    parsed += 1
                    Self.expectNoPiece(of: password, in: url)
                    // Nor in a field that is printed (a spill would put it there).
                    let printedFields = url.endpoints.map(\.host) + [url.user, url.database].compactMap { $0 }
                        + url.parameters.filter { !DatabaseURL.secretKeys.contains($0.key) }.map(\.value)
                    for piece in Self.pieces(of: password) {
                        #expect(printedFields.allSatisfy { !$0.contains(piece) }, "\(text): '\(piece)' in \(printedFields)")
                    }
                } catch {
                    refused += 1
                    Self.expectNoPiece(of: password, in: error)
                }
            }
        }
        #expect(parsed > 0 && refused > 0)  // both paths were exercised
    }

    @Test func hostileUserNamesAndHostsAreNeverQuotedInErrors() {
        for text in [
            "postgresql://Kx7/Vq2:pw@db1/shop", "postgresql://app:pw@Kx7Vq2:99999/shop", "postgresql://app:pw@[Kx7Vq2/shop",
            "postgresql://app:pw@[::1]Kx7Vq2/shop", "postgresql://app:pw@db1/shop?Kx7Vq2=1", "postgresql://app:pw@db1/Kx7/Vq2",
            "postgresql://app:pw@db1/shop?application_name=Kx7@Vq2", "Kx7Vq2://app:pw@db1/shop", "postgresql://app:pw@db1/shop?connect_timeout=Kx7Vq2",
        ] {
            #expect(throws: AthanorError.self, "\(text)") { try DatabaseURL(text) }
            do { _ = try DatabaseURL(text) } catch { Self.expectNoPiece(of: "Kx7/Vq2", in: error) }
        }
    }

    /// A percent-encoded password is the supported spelling, and it round-trips.
    @Test func encodedReservedCharactersParse() throws {
        let url = try DatabaseURL("postgresql://app:Zq9%40Malformed%2FPw-77@host/db")
        #expect(url.password == "Zq9@Malformed/Pw-77" && url.database == "db" && url.endpoints.first?.host == "host")
        Self.expectNoPiece(of: "Zq9@Malformed/Pw-77", in: url)
        #expect(try DatabaseURL("postgresql://app:5432%2FSecret@host/db").database == "db")
    }

    @Test func reflectionShowsNoPasswordOrSecretParameter() throws {
        let url = try DatabaseURL("postgresql://app:Hq4-Pw9@db1,db2/shop?sslpassword=Kz8-Ss3&application_name=shop")
        for secret in ["Hq4-Pw9", "Kz8-Ss3"] {
            Self.expectNoPiece(of: secret, in: url)
            Self.expectNoPiece(of: secret, in: [url])  // inside a collection
            Self.expectNoPiece(of: secret, in: Optional(url) as Any)
        }
        var dumped = ""
        dump(url, to: &dumped)
        #expect(dumped.contains("db1") && dumped.contains("shop") && dumped.contains("***"))
    }

    @Test func aPoolReflectsNoPassword() async throws {
        let pool = try ConnectionPool(url: "postgresql://app:Hq4-Pw9@127.0.0.1:1/shop?password=Kz8-Ss3")
        Self.expectNoPiece(of: "Hq4-Pw9", in: pool)
        Self.expectNoPiece(of: "Kz8-Ss3", in: pool)
        Self.expectNoPiece(of: "Hq4-Pw9", in: pool.url)
        Self.expectNoPiece(of: "Hq4-Pw9", in: pool.configuration)
        await pool.close()
    }

    /// A password that is also a common word, a port or a user name: the printed URL shows it
    /// only where the other field is, and redaction hides every occurrence in messages.
    @Test(arguments: ["app", "5432", "db", "postgresql", "a", "*", "***"])
    func aPasswordEqualToACommonSubstring(password: String) throws {
        let url = try DatabaseURL("postgresql://app:\(URLParser.percentEncode(password))@h/db")
        #expect(url.description == "postgresql://app:***@h:5432/db")
        var dumped = ""
        dump(url, to: &dumped)
        #expect(dumped.contains("password: Optional(\"***\")"), "\(dumped)")
        let message = "connection to server at \"h\" (127.0.0.1), port 5432 failed: FATAL: password authentication failed for user \"app\" on db"
        #expect(!url.redact(message).contains(password) || password == "*")
        #expect(url.redact("x\(password)y") == "x***y")
    }

    /// Overlapping secrets: replacing one after the other would leave a piece of the second.
    @Test func overlappingSecretsAreAllHidden() throws {
        let url = try DatabaseURL("postgresql://app:abc@h/db?sslpassword=bcd")
        #expect(url.redact("[abcd]") == "[***]")
        #expect(url.redact("bc") == "bc")  // not a whole secret
        #expect(url.redact("abcabc bcd") == "*** ***")
        let accent = try DatabaseURL("postgresql://app:e@h/db")
        #expect(!accent.redact("caf\u{65}\u{301}").unicodeScalars.contains("e"))  // inside a grapheme too
    }
}

/// The same promise for the values that hold a live connection, and for the errors of a
/// failed one, against the test server's password role.
@Suite(.tags(.postgres), .enabled(if: TestEnvironment.postgresEnabled))
struct ConnectionSecretTests {
    static let password = "s3cr3t-Pa55word"

    static func passwordURL(replacingPasswordWith replacement: String? = nil) throws -> DatabaseURL {
        guard let text = TestEnvironment.passwordURL else {
            Issue.record("ATHANOR_TEST_PASSWORD_URL is not set")
            throw AthanorError.misuse("no password URL")
        }
        return try DatabaseURL(replacement.map { text.replacing(password, with: $0) } ?? text)
    }

    @Test func connectionsPoolsAndTransactionsReflectNoPassword() async throws {
        let url = try Self.passwordURL()
        let connection = try await Connection.connect(to: url)
        URLSecretTests.expectNoPiece(of: Self.password, in: connection)
        URLSecretTests.expectNoPiece(of: Self.password, in: connection.pg)
        var dumped = ""
        dump(connection, to: &dumped)
        #expect(dumped.contains("athanor_password"))  // the user shows, so the dump is not empty
        connection.close()

        let pool = ConnectionPool(url: url, configuration: .init(timeout: .seconds(5)))
        try await pool.transaction { tx in
            URLSecretTests.expectNoPiece(of: Self.password, in: tx)
            URLSecretTests.expectNoPiece(of: Self.password, in: tx.connection)
        }
        URLSecretTests.expectNoPiece(of: Self.password, in: pool)
        await pool.close()
    }

    @Test func failuresReflectNoPassword() async throws {
        let wrong = "Wq7-wr0ng-Pa55"
        let url = try Self.passwordURL(replacingPasswordWith: wrong)
        var failure: ConnectionFailure?
        do {
            _ = try await Connection.connect(to: url)
            Issue.record("expected a connection failure")
        } catch {
            URLSecretTests.expectNoPiece(of: wrong, in: error)
            if case .connectionFailed(let value) = error { failure = value }
        }
        let connectionFailure = try #require(failure)
        URLSecretTests.expectNoPiece(of: wrong, in: connectionFailure)
        let ambiguous = AthanorError.ambiguousCommit(underlying: AmbiguousCause(statement: "COMMIT", connection: connectionFailure))
        URLSecretTests.expectNoPiece(of: wrong, in: ambiguous)

        let pool = ConnectionPool(url: url, configuration: .init(timeout: .seconds(2), logger: .silent))
        do {
            try await pool.withConnection { _ in }
            Issue.record("expected a pool timeout")
        } catch {
            URLSecretTests.expectNoPiece(of: wrong, in: error)
            if case AthanorError.poolTimeout(let timeout) = error {
                URLSecretTests.expectNoPiece(of: wrong, in: timeout)
                #expect(timeout.lastConnectError?.sqlState == .invalidPassword)
            } else {
                Issue.record("expected a pool timeout: \(error)")
            }
        }
        URLSecretTests.expectNoPiece(of: wrong, in: pool)
        await pool.close()
    }
}
