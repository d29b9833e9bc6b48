import Athanor
import FuzzSupport

// Input: byte 0 picks a decoder (a PostgresDecodable type, or an array of one), byte 1 the
// column's type OID (from the list below), and the rest is the value's bytes as the server
// sends them in binary format.
//
// Properties (beyond "no crash, no hang"): a value decoded from its own type's OID encodes, and
// decodes back to an equal value; for types whose wire form is canonical (integers, floats,
// text, bytea, uuid, jsonb) the encoding is the input byte for byte.

func fuzzDecoders(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    guard input.count >= 2 else { return 0 }
    let decoder = Decoders.all[Int(input[0]) % Decoders.all.count]
    let type = ColumnTypes.all[Int(input[1]) % ColumnTypes.all.count]
    // A copy of exactly the value's bytes, so that AddressSanitizer sees any read past its end.
    let value = UnsafeMutableRawBufferPointer.allocate(byteCount: input.count - 2, alignment: 1)
    defer { value.deallocate() }
    input[2...].withUnsafeBytes { value.copyMemory(from: $0) }
    decoder.check(UnsafeRawBufferPointer(value), type, input)
    return 0
}

/// The type OIDs a column may report: every one the codecs know, `"char"`, and 0.
enum ColumnTypes {
    static let all: [PostgresType] = [
        .bool, .bytea, PostgresType(rawValue: 18), .name, .int8, .int2, .int4, .text, .oid, .json,
        .float4, .float8, .unknown, .bpchar, .varchar, .date, .timestamp, .timestamptz, .numeric, .uuid,
        .jsonb, .boolArray, .byteaArray, .int2Array, .int4Array, .textArray, .varcharArray, .int8Array,
        .float4Array, .float8Array, .timestamptzArray, .numericArray, .uuidArray, .jsonbArray, .unspecified,
    ]

    static func index(of type: PostgresType) -> UInt8 { UInt8(all.firstIndex(of: type) ?? 0) }
}
