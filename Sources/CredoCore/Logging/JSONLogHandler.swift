import Foundation
import Logging

/// One JSON object per line on standard error, for log collectors: time, level, label, message and metadata.
public struct JSONLogHandler: LogHandler {
  public var metadata: Logger.Metadata = [:]
  public var logLevel: Logger.Level
  let label: String

  public init(label: String, level: Logger.Level) {
    self.label = label
    self.logLevel = level
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  public func log(event: LogEvent) {
    var object: [String: String] = [
      "ts": Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true)),
      "level": event.level.rawValue, "label": label, "message": "\(event.message)",
    ]
    for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
      object[key] = "\(value)"
    }
    if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
      var line = String(data: data, encoding: .utf8)
    {
      line += "\n"
      FileHandle.standardError.write(Data(line.utf8))
    }
  }
}

extension LoggingSystem {
  /// Sets up logging once per process in the configured format.
  public static func bootstrapCredo(format: CredoConfiguration.LogFormat, level: Logger.Level) {
    switch format {
    case .json:
      bootstrap { label in JSONLogHandler(label: label, level: level) }
    case .text:
      bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
      }
    }
  }
}
