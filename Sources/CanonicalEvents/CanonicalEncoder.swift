import Casework
import Foundation

/// Encodes any `Encodable` straight into a `CanonicalJSON` value: the same result as
/// JSONEncoder followed by parsing, several times faster (it runs for every event written).
/// Floats are refused; dates become `CanonicalJSON.timestamp` strings; nil optionals omitted.
public struct CanonicalEncoder {
    public static func encode(_ value: some Encodable) throws -> CanonicalJSON {
        let root = Node()
        try encodeValue(value, into: root, path: [])
        return root.finished
    }

    fileprivate static func encodeValue<T: Encodable>(_ value: T, into node: Node, path: [any CodingKey]) throws {
        // Comparing types is much cheaper than a dynamic cast of every value.
        if T.self == Date.self {
            node.value = .string(CanonicalJSON.timestamp(value as! Date))
            return
        }
        // What CivilDate.encode(to:) writes (its description), without String(format:).
        if T.self == CivilDate.self {
            node.value = .string((value as! CivilDate).storedText)
            return
        }
        let encoder = Impl(node: node, codingPath: path)
        try value.encode(to: encoder)
    }

    /// A slot in the tree being built; containers fill theirs in place.
    fileprivate final class Node {
        var value: CanonicalJSON = .null
        var object: [String: Child]?
        var array: [Child]?

        var finished: CanonicalJSON {
            if let object { return .object(object.mapValues(\.finished)) }
            if let array { return .array(array.map(\.finished)) }
            return value
        }
    }

    /// A member or element: a plain value is stored as it is, without a node of its own.
    fileprivate enum Child {
        case value(CanonicalJSON)
        case node(Node)

        var finished: CanonicalJSON {
            switch self {
            case .value(let value): value
            case .node(let node): node.finished
            }
        }
    }

    fileprivate struct Impl: Encoder {
        let node: Node
        var codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if node.object == nil { node.object = [:] }
            return KeyedEncodingContainer(Keyed<Key>(node: node, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            if node.array == nil { node.array = [] }
            return Unkeyed(node: node, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            Single(node: node, codingPath: codingPath)
        }
    }

    fileprivate static func floatError(_ path: [any CodingKey]) -> EncodingError {
        EncodingError.invalidValue(0.0, .init(codingPath: path, debugDescription: "floats are not allowed in event payloads"))
    }

    fileprivate struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        var codingPath: [any CodingKey]

        func slot(_ key: Key) -> Node {
            let child = Node()
            node.object![key.stringValue] = .node(child)
            return child
        }

        func set(_ key: Key, _ value: CanonicalJSON) {
            node.object![key.stringValue] = .value(value)
        }

        mutating func encodeNil(forKey key: Key) throws { set(key, .null) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { set(key, .bool(value)) }
        mutating func encode(_ value: String, forKey key: Key) throws { set(key, .string(value)) }
        mutating func encode(_ value: Double, forKey key: Key) throws { throw floatError(codingPath + [key]) }
        mutating func encode(_ value: Float, forKey key: Key) throws { throw floatError(codingPath + [key]) }
        mutating func encode(_ value: Int, forKey key: Key) throws { set(key, .int(Int64(value))) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { set(key, .int(Int64(value))) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { set(key, .int(Int64(value))) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { set(key, .int(Int64(value))) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { set(key, .int(value)) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { set(key, .int(try exact(value))) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { set(key, .int(Int64(value))) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { set(key, .int(Int64(value))) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { set(key, .int(Int64(value))) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { set(key, .int(try exact(value))) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            // Days and instants (the most common members after strings) without a node.
            if T.self == CivilDate.self { return set(key, .string((value as! CivilDate).storedText)) }
            if T.self == Date.self { return set(key, .string(CanonicalJSON.timestamp(value as! Date))) }
            try CanonicalEncoder.encodeValue(value, into: slot(key), path: codingPath + [key])
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                            forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            Impl(node: slot(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            Impl(node: slot(key), codingPath: codingPath + [key]).unkeyedContainer()
        }
        mutating func superEncoder() -> any Encoder {
            Impl(node: slot(Key(stringValue: "super")!), codingPath: codingPath)
        }
        mutating func superEncoder(forKey key: Key) -> any Encoder {
            Impl(node: slot(key), codingPath: codingPath + [key])
        }
    }

    fileprivate struct Unkeyed: UnkeyedEncodingContainer {
        let node: Node
        var codingPath: [any CodingKey]
        var count: Int { node.array!.count }

        func slot() -> Node {
            let child = Node()
            node.array!.append(.node(child))
            return child
        }

        func add(_ value: CanonicalJSON) {
            node.array!.append(.value(value))
        }

        mutating func encodeNil() throws { add(.null) }
        mutating func encode(_ value: Bool) throws { add(.bool(value)) }
        mutating func encode(_ value: String) throws { add(.string(value)) }
        mutating func encode(_ value: Double) throws { throw floatError(codingPath) }
        mutating func encode(_ value: Float) throws { throw floatError(codingPath) }
        mutating func encode(_ value: Int) throws { add(.int(Int64(value))) }
        mutating func encode(_ value: Int8) throws { add(.int(Int64(value))) }
        mutating func encode(_ value: Int16) throws { add(.int(Int64(value))) }
        mutating func encode(_ value: Int32) throws { add(.int(Int64(value))) }
        mutating func encode(_ value: Int64) throws { add(.int(value)) }
        mutating func encode(_ value: UInt) throws { add(.int(try exact(value))) }
        mutating func encode(_ value: UInt8) throws { add(.int(Int64(value))) }
        mutating func encode(_ value: UInt16) throws { add(.int(Int64(value))) }
        mutating func encode(_ value: UInt32) throws { add(.int(Int64(value))) }
        mutating func encode(_ value: UInt64) throws { add(.int(try exact(value))) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            try CanonicalEncoder.encodeValue(value, into: slot(), path: codingPath)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            Impl(node: slot(), codingPath: codingPath).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            Impl(node: slot(), codingPath: codingPath).unkeyedContainer()
        }
        mutating func superEncoder() -> any Encoder { Impl(node: slot(), codingPath: codingPath) }
    }

    fileprivate struct Single: SingleValueEncodingContainer {
        let node: Node
        var codingPath: [any CodingKey]

        mutating func encodeNil() throws { node.value = .null }
        mutating func encode(_ value: Bool) throws { node.value = .bool(value) }
        mutating func encode(_ value: String) throws { node.value = .string(value) }
        mutating func encode(_ value: Double) throws { throw floatError(codingPath) }
        mutating func encode(_ value: Float) throws { throw floatError(codingPath) }
        mutating func encode(_ value: Int) throws { node.value = .int(Int64(value)) }
        mutating func encode(_ value: Int8) throws { node.value = .int(Int64(value)) }
        mutating func encode(_ value: Int16) throws { node.value = .int(Int64(value)) }
        mutating func encode(_ value: Int32) throws { node.value = .int(Int64(value)) }
        mutating func encode(_ value: Int64) throws { node.value = .int(value) }
        mutating func encode(_ value: UInt) throws { node.value = .int(try exact(value)) }
        mutating func encode(_ value: UInt8) throws { node.value = .int(Int64(value)) }
        mutating func encode(_ value: UInt16) throws { node.value = .int(Int64(value)) }
        mutating func encode(_ value: UInt32) throws { node.value = .int(Int64(value)) }
        mutating func encode(_ value: UInt64) throws { node.value = .int(try exact(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            try CanonicalEncoder.encodeValue(value, into: node, path: codingPath)
        }
    }
}

private func exact(_ value: some BinaryInteger) throws -> Int64 {
    guard let n = Int64(exactly: value) else {
        throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "integer too large"))
    }
    return n
}
