/// A PostgreSQL type OID, as parameters declare it and result columns report it.
public struct PostgresType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The OID.
    public let rawValue: UInt32
    /// Wraps an OID.
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// The OID in decimal: `25` for text.
    public var description: String { String(rawValue) }

    /// 0: let the server infer the type.
    public static let unspecified = PostgresType(rawValue: 0)
    /// bool
    public static let bool = PostgresType(rawValue: 16)
    /// bytea
    public static let bytea = PostgresType(rawValue: 17)
    /// name
    public static let name = PostgresType(rawValue: 19)
    /// int8
    public static let int8 = PostgresType(rawValue: 20)
    /// int2
    public static let int2 = PostgresType(rawValue: 21)
    /// int4
    public static let int4 = PostgresType(rawValue: 23)
    /// text
    public static let text = PostgresType(rawValue: 25)
    /// oid
    public static let oid = PostgresType(rawValue: 26)
    /// json
    public static let json = PostgresType(rawValue: 114)
    /// float4
    public static let float4 = PostgresType(rawValue: 700)
    /// float8
    public static let float8 = PostgresType(rawValue: 701)
    /// unknown
    public static let unknown = PostgresType(rawValue: 705)
    /// bpchar
    public static let bpchar = PostgresType(rawValue: 1042)
    /// varchar
    public static let varchar = PostgresType(rawValue: 1043)
    /// date
    public static let date = PostgresType(rawValue: 1082)
    /// timestamp
    public static let timestamp = PostgresType(rawValue: 1114)
    /// timestamptz
    public static let timestamptz = PostgresType(rawValue: 1184)
    /// numeric
    public static let numeric = PostgresType(rawValue: 1700)
    /// uuid
    public static let uuid = PostgresType(rawValue: 2950)
    /// jsonb
    public static let jsonb = PostgresType(rawValue: 3802)

    /// bool[]
    public static let boolArray = PostgresType(rawValue: 1000)
    /// bytea[]
    public static let byteaArray = PostgresType(rawValue: 1001)
    /// int2[]
    public static let int2Array = PostgresType(rawValue: 1005)
    /// int4[]
    public static let int4Array = PostgresType(rawValue: 1007)
    /// text[]
    public static let textArray = PostgresType(rawValue: 1009)
    /// varchar[]
    public static let varcharArray = PostgresType(rawValue: 1015)
    /// int8[]
    public static let int8Array = PostgresType(rawValue: 1016)
    /// float4[]
    public static let float4Array = PostgresType(rawValue: 1021)
    /// float8[]
    public static let float8Array = PostgresType(rawValue: 1022)
    /// timestamptz[]
    public static let timestamptzArray = PostgresType(rawValue: 1185)
    /// numeric[]
    public static let numericArray = PostgresType(rawValue: 1231)
    /// uuid[]
    public static let uuidArray = PostgresType(rawValue: 2951)
    /// jsonb[]
    public static let jsonbArray = PostgresType(rawValue: 3807)

    /// True for the integer types int2, int4, int8.
    var isInteger: Bool { self == .int2 || self == .int4 || self == .int8 }
}
