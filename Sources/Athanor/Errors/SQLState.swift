/// A five-character SQLSTATE code, as the server reports it.
///
/// Well-known codes are named constants, so `catch` clauses read well:
/// ```swift
/// catch let error as AthanorError where error.sqlState == .uniqueViolation { ... }
/// ```
public struct SQLState: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
    /// The five characters, such as `"40001"`.
    public let rawValue: String

    /// Wraps a code.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The two-character class, such as `"40"` for transaction rollback.
    public var errorClass: String { String(rawValue.prefix(2)) }

    /// The code itself: `40001`.
    public var description: String { rawValue }

    /// 00000
    public static let successfulCompletion = SQLState(rawValue: "00000")
    /// 08000
    public static let connectionException = SQLState(rawValue: "08000")
    /// 08006
    public static let connectionFailure = SQLState(rawValue: "08006")
    /// 22001
    public static let stringDataRightTruncation = SQLState(rawValue: "22001")
    /// 22003
    public static let numericValueOutOfRange = SQLState(rawValue: "22003")
    /// 22P02
    public static let invalidTextRepresentation = SQLState(rawValue: "22P02")
    /// 23502
    public static let notNullViolation = SQLState(rawValue: "23502")
    /// 23503
    public static let foreignKeyViolation = SQLState(rawValue: "23503")
    /// 23505
    public static let uniqueViolation = SQLState(rawValue: "23505")
    /// 23514
    public static let checkViolation = SQLState(rawValue: "23514")
    /// 25P02
    public static let inFailedSQLTransaction = SQLState(rawValue: "25P02")
    /// 28000
    public static let invalidAuthorizationSpecification = SQLState(rawValue: "28000")
    /// 28P01
    public static let invalidPassword = SQLState(rawValue: "28P01")
    /// 3D000
    public static let invalidCatalogName = SQLState(rawValue: "3D000")
    /// 40001
    public static let serializationFailure = SQLState(rawValue: "40001")
    /// 40003
    public static let statementCompletionUnknown = SQLState(rawValue: "40003")
    /// 40P01
    public static let deadlockDetected = SQLState(rawValue: "40P01")
    /// 42601
    public static let syntaxError = SQLState(rawValue: "42601")
    /// 42P01
    public static let undefinedTable = SQLState(rawValue: "42P01")
    /// 42703
    public static let undefinedColumn = SQLState(rawValue: "42703")
    /// 53300
    public static let tooManyConnections = SQLState(rawValue: "53300")
    /// 57014
    public static let queryCanceled = SQLState(rawValue: "57014")
    /// 57P01
    public static let adminShutdown = SQLState(rawValue: "57P01")
    /// 57P02
    public static let crashShutdown = SQLState(rawValue: "57P02")
    /// 57P03
    public static let cannotConnectNow = SQLState(rawValue: "57P03")

    /// The condition name of a known code (`unique_violation`), or nil.
    public var conditionName: String? { Self.names[rawValue] }

    private static let names: [String: String] = [
        "00000": "successful_completion", "08000": "connection_exception",
        "08006": "connection_failure", "22001": "string_data_right_truncation",
        "22003": "numeric_value_out_of_range", "22P02": "invalid_text_representation",
        "23502": "not_null_violation", "23503": "foreign_key_violation",
        "23505": "unique_violation", "23514": "check_violation",
        "25P02": "in_failed_sql_transaction", "28000": "invalid_authorization_specification",
        "28P01": "invalid_password", "3D000": "invalid_catalog_name",
        "40001": "serialization_failure", "40003": "statement_completion_unknown",
        "40P01": "deadlock_detected", "42601": "syntax_error", "42P01": "undefined_table",
        "42703": "undefined_column", "53300": "too_many_connections",
        "57014": "query_canceled", "57P01": "admin_shutdown", "57P02": "crash_shutdown",
        "57P03": "cannot_connect_now",
        // What a schema applied twice, or a bad statement, most often meets.
        "0A000": "feature_not_supported", "08001": "sqlclient_unable_to_establish_sqlconnection",
        "08003": "connection_does_not_exist", "08P01": "protocol_violation",
        "22004": "null_value_not_allowed", "22007": "invalid_datetime_format",
        "22008": "datetime_field_overflow", "22012": "division_by_zero",
        "22021": "character_not_in_repertoire", "23P01": "exclusion_violation",
        "25006": "read_only_sql_transaction", "2BP01": "dependent_objects_still_exist",
        "42501": "insufficient_privilege", "42702": "ambiguous_column", "42704": "undefined_object",
        "42710": "duplicate_object", "42804": "datatype_mismatch", "42883": "undefined_function",
        "42P04": "duplicate_database", "42P06": "duplicate_schema", "42P07": "duplicate_table",
        "42P18": "indeterminate_datatype", "53100": "disk_full", "53200": "out_of_memory",
        "54000": "program_limit_exceeded", "55P03": "lock_not_available", "57P04": "database_dropped",
    ]

    /// True for the codes that mean the connection is gone or going: class 08, 57P01-57P03.
    public var isDisconnect: Bool {
        errorClass == "08" || self == .adminShutdown || self == .crashShutdown || self == .cannotConnectNow
    }
}
