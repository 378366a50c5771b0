/// A 128-bit digest that is the same in every process and on every machine, unlike `Hasher` (seeded per process):
/// a stored finding's fingerprint is compared with one computed by a later run (`StableHasher`).
public struct StableDigest: Sendable, Hashable {
  public var high: UInt64
  public var low: UInt64

  public init(high: UInt64, low: UInt64) {
    self.high = high
    self.low = low
  }

  /// The 32 lower-case hexadecimal digits, high half first.
  public var hex: String {
    var bytes = [UInt8](repeating: 0, count: 32)
    let digits: [UInt8] = Array("0123456789abcdef".utf8)
    for i in 0..<16 {
      bytes[15 - i] = digits[Int((high >> (4 * UInt64(i))) & 0xF)]
      bytes[31 - i] = digits[Int((low >> (4 * UInt64(i))) & 0xF)]
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Parses 32 hexadecimal digits (`hex`); nil for anything else.
  public init?<S: StringProtocol>(hex: S) {
    var high: UInt64 = 0
    var low: UInt64 = 0
    var count = 0
    for byte in hex.utf8 {
      let value: UInt64
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt64(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): value = UInt64(byte - UInt8(ascii: "a") + 10)
      default: return nil
      }
      if count < 16 { high = high << 4 | value } else { low = low << 4 | value }
      count += 1
      if count > 32 { return nil }
    }
    guard count == 32 else { return nil }
    self.init(high: high, low: low)
  }
}

/// Feeds words and strings into a `StableDigest`: two 64-bit lanes, each step a bijection of the lane for a given
/// word (xor the word, multiply by an odd constant, then an xor-shift or a rotation, different in each lane), and at
/// the end both lanes and the number of words through MurmurHash3's and SplitMix64's finalizers. Not cryptographic:
/// it tells a finding's versions apart (inputs nobody chose to collide share a digest with probability about 2⁻¹²⁸
/// per comparison), at about a nanosecond per word, without allocating. Strings go in as their length, then their
/// UTF-8 bytes in little-endian words, so that "ab" + "c" and "a" + "bc" differ.
public struct StableHasher: Sendable {
  private var a: UInt64 = 0x243F_6A88_85A3_08D3
  private var b: UInt64 = 0x1319_8A2E_0370_7344
  private var words: UInt64 = 0

  public init() {}

  /// MurmurHash3's 64-bit finalizer.
  @inline(__always)
  private static func mixA(_ value: UInt64) -> UInt64 {
    var x = value
    x ^= x >> 33
    x &*= 0xFF51_AFD7_ED55_8CCD
    x ^= x >> 33
    x &*= 0xC4CE_B9FE_1A85_EC53
    x ^= x >> 33
    return x
  }

  /// SplitMix64's finalizer.
  @inline(__always)
  private static func mixB(_ value: UInt64) -> UInt64 {
    var x = value
    x ^= x >> 30
    x &*= 0xBF58_476D_1CE4_E5B9
    x ^= x >> 27
    x &*= 0x94D0_49BB_1331_11EB
    x ^= x >> 31
    return x
  }

  @inline(__always)
  public mutating func combine(_ word: UInt64) {
    var x = (a ^ word) &* 0x9E37_79B9_7F4A_7C15
    a = x ^ (x >> 32)
    x = (b ^ word) &* 0xC2B2_AE3D_27D4_EB4F
    b = x << 31 | x >> 33
    words &+= 1
  }

  @inline(__always)
  public mutating func combine(_ value: Int) { combine(UInt64(bitPattern: Int64(value))) }

  @inline(__always)
  public mutating func combine(_ value: Bool) { combine(value ? 1 as UInt64 : 0) }

  public mutating func combine(_ date: CalendarDate) {
    combine(UInt64(date.year) << 16 | UInt64(date.month) << 8 | UInt64(date.day))
  }

  /// An optional date: a marker for none, else the date (a date never packs to the marker).
  public mutating func combine(_ date: CalendarDate?) {
    if let date { combine(date) } else { combine(UInt64.max) }
  }

  public mutating func combine(_ digest: StableDigest) {
    combine(digest.high)
    combine(digest.low)
  }

  /// The string's length in bytes, then its UTF-8 bytes eight at a time, read in place.
  @inline(__always)
  public mutating func combine(_ text: String) {
    let done: Void? = text.utf8.withContiguousStorageIfAvailable { combine(bytes: UnsafeRawBufferPointer($0)) }
    if done == nil {
      var copy = text
      copy.makeContiguousUTF8()
      copy.utf8.withContiguousStorageIfAvailable { combine(bytes: UnsafeRawBufferPointer($0)) }
    }
  }

  @inline(__always)
  private mutating func combine(bytes: UnsafeRawBufferPointer) {
    let count = bytes.count
    combine(UInt64(count))
    guard count > 0, let base = bytes.baseAddress else { return }
    var i = 0
    while i + 8 <= count {
      combine(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
      i += 8
    }
    if i < count {
      var word: UInt64 = 0
      var shift: UInt64 = 0
      while i < count {
        word |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift
        shift += 8
        i += 1
      }
      combine(word)
    }
  }

  public func finalize() -> StableDigest {
    let high = Self.mixA(a ^ Self.mixB(words))
    let low = Self.mixB(b ^ Self.mixA(words ^ 0x5851_F42D_4C95_7F2D) ^ high)
    return StableDigest(high: high, low: low)
  }

  /// The digest of one string.
  public static func digest(_ text: String) -> StableDigest {
    var hasher = StableHasher()
    hasher.combine(text)
    return hasher.finalize()
  }
}
