import Foundation
import Logging

/// Wall-clock time per phase of a long batch job (an import, the demo load), for `--timings` and the debug
/// log. Figures go to docs/PERFORMANCE.md; nothing asserts on them.
public final class PhaseTimings: @unchecked Sendable {
  private let lock = NSLock()
  private var phases: [(name: String, seconds: Double)] = []
  private var mark: Date
  private let started: Date
  private let logger: Logger?

  /// Starts the clock; `logger` also gets one debug line per phase.
  public init(logger: Logger? = nil) {
    started = Date()
    mark = started
    self.logger = logger
  }

  /// Ends the current phase (the time since the previous `end`, or since the start) under `name`.
  public func end(_ name: String) {
    let now = Date()
    lock.lock()
    let seconds = now.timeIntervalSince(mark)
    mark = now
    phases.append((name, seconds))
    lock.unlock()
    logger?.debug("phase \(name)", metadata: ["seconds": "\(String(format: "%.2f", seconds))"])
  }

  /// Records `seconds` spent in `name` without moving the mark: for work interleaved in batches (deciding and
  /// writing a monitoring run), whose sums are reported as phases of their own. `end` after such batches should name
  /// what is left over.
  public func add(_ name: String, seconds: Double) {
    lock.lock()
    if let i = phases.firstIndex(where: { $0.name == name }) {
      phases[i].seconds += seconds
    } else {
      phases.append((name, seconds))
    }
    lock.unlock()
  }

  /// Moves the mark to now without recording a phase (the time since the last mark was accounted for by `add`).
  public func restart() {
    lock.lock()
    mark = Date()
    lock.unlock()
  }

  /// The phases so far, in order.
  public var recorded: [(name: String, seconds: Double)] {
    lock.lock()
    defer { lock.unlock() }
    return phases
  }

  /// One line per phase and the total, aligned for a terminal.
  public var report: String {
    let phases = recorded
    let total = phases.reduce(0) { $0 + $1.seconds }
    let width = max(5, phases.map(\.name.count).max() ?? 0)
    func line(_ name: String, _ seconds: Double) -> String {
      name.padding(toLength: width, withPad: " ", startingAt: 0) + String(format: " %8.2f s", seconds)
    }
    return (phases.map { line($0.name, $0.seconds) } + [line("total", total)]).joined(separator: "\n")
  }
}
