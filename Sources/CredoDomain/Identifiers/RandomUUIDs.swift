import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Random (version 4) UUIDs for bulk work. `UUID()` on Linux opens, reads and closes `/dev/urandom` for every
/// identifier (about 2 µs); an import of the state data set makes over two million. This reads 4 KiB of
/// system randomness at a time (`/dev/urandom`, or `arc4random_buf` on Apple platforms) and cuts UUIDs from it.
/// Not thread-safe: one per loop.
public final class RandomUUIDs {
  private var buffer = [UInt8](repeating: 0, count: 4096)
  private var offset = 4096

  public init() {}

  public func next() -> UUID {
    if offset + 16 > buffer.count {
      refill()
      offset = 0
    }
    var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    withUnsafeMutableBytes(of: &bytes) { target in
      buffer.withUnsafeBytes { source in
        target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<offset + 16]))
      }
    }
    offset += 16
    bytes.6 = (bytes.6 & 0x0F) | 0x40  // version 4
    bytes.8 = (bytes.8 & 0x3F) | 0x80  // RFC 4122 variant
    return UUID(uuid: bytes)
  }

  private func refill() {
    buffer.withUnsafeMutableBytes { raw in
      #if canImport(Glibc)
        // One read of the kernel's generator for 256 identifiers.
        let fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
        var filled = 0
        if fd >= 0 {
          while filled < raw.count {
            let n = read(fd, raw.baseAddress! + filled, raw.count - filled)
            if n > 0 {
              filled += n
            } else if n == 0 || errno != EINTR {
              break
            }
          }
          close(fd)
        }
        if filled == raw.count { return }
        var generator = SystemRandomNumberGenerator()
        for i in stride(from: 0, to: raw.count, by: 8) {
          raw.storeBytes(of: generator.next(), toByteOffset: i, as: UInt64.self)
        }
      #else
        arc4random_buf(raw.baseAddress!, raw.count)
      #endif
    }
  }
}
