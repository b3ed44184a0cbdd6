import Casework
import Foundation

/// Decodes a `Decodable` from a `CanonicalJSON` value: the reverse of `CanonicalEncoder`, used
/// to read every stored payload (rebuilds fold every event), several times faster than
/// JSONDecoder. Dates are read from `CanonicalJSON.timestamp` strings.
public enum CanonicalDecoder {
    public static func decode<T: Decodable>(_ type: T.Type, from value: CanonicalJSON) throws -> T {
        try decodeValue(type, from: value, path: [])
    }

    fileprivate static func decodeValue<T: Decodable>(_ type: T.Type, from value: CanonicalJSON,
                                                      path: [any CodingKey]) throws -> T {
        if type == Date.self {
            guard case .string(let text) = value, let date = CanonicalJSON.instant(text) else {
                throw mismatch(type, value, path)
            }
            return date as! T
        }
        // Dates and ids are in most payloads: read straight from their text (what their own
        // `init(from:)` would do, without a decoder each); anything unreadable takes that path
        // and its error.
        if type == CivilDate.self, case .string(let text) = value, let date = CivilDate(text) { return date as! T }
        if type == UUID.self, case .string(let text) = value, let id = StoredID.uuid(text) { return id as! T }
        return try T(from: Impl(value: value, codingPath: path))
    }

    fileprivate static func mismatch(_ type: Any.Type, _ value: CanonicalJSON, _ path: [any CodingKey]) -> DecodingError {
        DecodingError.typeMismatch(type, .init(codingPath: path, debugDescription: "found \(value)"))
    }

    fileprivate static func integer<I: FixedWidthInteger>(_ type: I.Type, _ value: CanonicalJSON,
                                                          _ path: [any CodingKey]) throws -> I {
        guard case .int(let n) = value, let exact = I(exactly: n) else { throw mismatch(type, value, path) }
        return exact
    }

    fileprivate struct Impl: Decoder {
        let value: CanonicalJSON
        var codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            guard case .object(let members) = value else { throw mismatch([String: Any].self, value, codingPath) }
            return KeyedDecodingContainer(Keyed<Key>(members: members, codingPath: codingPath))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            guard case .array(let items) = value else { throw mismatch([Any].self, value, codingPath) }
            return Unkeyed(items: items, codingPath: codingPath)
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer {
            Single(value: value, codingPath: codingPath)
        }
    }

    fileprivate struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let members: [String: CanonicalJSON]
        var codingPath: [any CodingKey]
        var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

        func member(_ key: Key) throws -> CanonicalJSON {
            guard let value = members[key.stringValue] else {
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing"))
            }
            return value
        }

        func decodeNil(forKey key: Key) throws -> Bool { (members[key.stringValue] ?? .null) == .null }

        // Optional members, one lookup each. The protocol's own `decodeIfPresent` asks
        // `contains`, then `decodeNil`, then decodes: three lookups for every key a payload
        // could hold, present or not (EventPayload has some thirty).
        private func present(_ key: Key) -> CanonicalJSON? {
            guard let value = members[key.stringValue] else { return nil }
            if case .null = value { return nil }
            return value
        }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
            guard let value = present(key) else { return nil }
            guard case .bool(let b) = value else { throw mismatch(type, value, codingPath + [key]) }
            return b
        }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
            guard let value = present(key) else { return nil }
            guard case .string(let s) = value else { throw mismatch(type, value, codingPath + [key]) }
            return s
        }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
            try present(key).map { try integer(type, $0, codingPath + [key]) }
        }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
            try present(key).map { try integer(type, $0, codingPath + [key]) }
        }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let value = present(key) else { return nil }
            return try decodeValue(type, from: value, path: codingPath + [key])
        }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
            guard case .bool(let b) = try member(key) else { throw mismatch(type, try member(key), codingPath + [key]) }
            return b
        }
        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            guard case .string(let s) = try member(key) else { throw mismatch(type, try member(key), codingPath + [key]) }
            return s
        }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { Double(try decode(Int64.self, forKey: key)) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try decode(Int64.self, forKey: key)) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(type, member(key), codingPath + [key]) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(type, member(key), codingPath + [key]) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(type, member(key), codingPath + [key]) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(type, member(key), codingPath + [key]) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(type, member(key), codingPath + [key]) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(type, member(key), codingPath + [key]) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(type, member(key), codingPath + [key]) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(type, member(key), codingPath + [key]) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(type, member(key), codingPath + [key]) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(type, member(key), codingPath + [key]) }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try decodeValue(type, from: member(key), path: codingPath + [key])
        }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type,
                                                   forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try Impl(value: member(key), codingPath: codingPath + [key]).container(keyedBy: type)
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try Impl(value: member(key), codingPath: codingPath + [key]).unkeyedContainer()
        }
        func superDecoder() throws -> any Decoder {
            Impl(value: members["super"] ?? .null, codingPath: codingPath)
        }
        func superDecoder(forKey key: Key) throws -> any Decoder {
            Impl(value: members[key.stringValue] ?? .null, codingPath: codingPath + [key])
        }
    }

    fileprivate struct Unkeyed: UnkeyedDecodingContainer {
        let items: [CanonicalJSON]
        var codingPath: [any CodingKey]
        var currentIndex = 0
        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        init(items: [CanonicalJSON], codingPath: [any CodingKey]) {
            self.items = items; self.codingPath = codingPath
        }

        mutating func next() throws -> CanonicalJSON {
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "end of array"))
            }
            defer { currentIndex += 1 }
            return items[currentIndex]
        }

        mutating func decodeNil() throws -> Bool {
            if !isAtEnd, items[currentIndex] == .null { currentIndex += 1; return true }
            return false
        }
        mutating func decode(_ type: Bool.Type) throws -> Bool {
            let v = try next()
            guard case .bool(let b) = v else { throw mismatch(type, v, codingPath) }
            return b
        }
        mutating func decode(_ type: String.Type) throws -> String {
            let v = try next()
            guard case .string(let s) = v else { throw mismatch(type, v, codingPath) }
            return s
        }
        mutating func decode(_ type: Double.Type) throws -> Double { Double(try decode(Int64.self)) }
        mutating func decode(_ type: Float.Type) throws -> Float { Float(try decode(Int64.self)) }
        mutating func decode(_ type: Int.Type) throws -> Int { try integer(type, next(), codingPath) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try integer(type, next(), codingPath) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try integer(type, next(), codingPath) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try integer(type, next(), codingPath) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer(type, next(), codingPath) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try integer(type, next(), codingPath) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type, next(), codingPath) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type, next(), codingPath) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type, next(), codingPath) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type, next(), codingPath) }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try decodeValue(type, from: next(), path: codingPath)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try Impl(value: next(), codingPath: codingPath).container(keyedBy: type)
        }
        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try Impl(value: next(), codingPath: codingPath).unkeyedContainer()
        }
        mutating func superDecoder() throws -> any Decoder { Impl(value: try next(), codingPath: codingPath) }
    }

    fileprivate struct Single: SingleValueDecodingContainer {
        let value: CanonicalJSON
        var codingPath: [any CodingKey]

        func decodeNil() -> Bool { value == .null }
        func decode(_ type: Bool.Type) throws -> Bool {
            guard case .bool(let b) = value else { throw mismatch(type, value, codingPath) }
            return b
        }
        func decode(_ type: String.Type) throws -> String {
            guard case .string(let s) = value else { throw mismatch(type, value, codingPath) }
            return s
        }
        func decode(_ type: Double.Type) throws -> Double { Double(try decode(Int64.self)) }
        func decode(_ type: Float.Type) throws -> Float { Float(try decode(Int64.self)) }
        func decode(_ type: Int.Type) throws -> Int { try integer(type, value, codingPath) }
        func decode(_ type: Int8.Type) throws -> Int8 { try integer(type, value, codingPath) }
        func decode(_ type: Int16.Type) throws -> Int16 { try integer(type, value, codingPath) }
        func decode(_ type: Int32.Type) throws -> Int32 { try integer(type, value, codingPath) }
        func decode(_ type: Int64.Type) throws -> Int64 { try integer(type, value, codingPath) }
        func decode(_ type: UInt.Type) throws -> UInt { try integer(type, value, codingPath) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type, value, codingPath) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type, value, codingPath) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type, value, codingPath) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type, value, codingPath) }
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try decodeValue(type, from: value, path: codingPath)
        }
    }
}
