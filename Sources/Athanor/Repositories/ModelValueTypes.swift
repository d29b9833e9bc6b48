// The Foundation value types of generated models' columns, re-exported so that generated code
// can name them `Athanor.Date`, `Athanor.UUID`, `Athanor.Data` and `Athanor.Decimal`: it names
// every type it uses with its module, so a schema may call a model or a field `Date`.
@_exported import struct FoundationEssentials.Data
@_exported import struct FoundationEssentials.Date
@_exported import struct FoundationEssentials.Decimal
@_exported import struct FoundationEssentials.UUID
