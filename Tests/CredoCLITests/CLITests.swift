import ArgumentParser
import CredoCLI
import Foundation
import Testing

/// Runs the built `credo` binary, as an office's script would.
func runCredo(
  _ arguments: [String], environment: [String: String] = [:]
) throws -> (status: Int32, out: String, err: String) {
  let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent(".build/debug/credo")
  let process = Process()
  process.executableURL = binary
  process.arguments = arguments
  process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  let errData = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

func fixturePath(_ name: String) -> String {
  URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("CredoCoreTests/Fixtures/\(name)").path
}

@Suite("The credo command line")
struct CLITests {
  @Test("Help names every command of the interchange contract")
  func help() throws {
    let result = try runCredo(["--help"])
    #expect(result.status == 0)
    for command in ["serve", "migrate", "import", "user", "demo"] { #expect(result.out.contains(command)) }
  }

  @Test("Arguments parse in-process")
  func parse() throws {
    #expect(throws: (any Error).self) { _ = try CredoCommand.parseAsRoot(["demo", "--size", "galaxy"]) }
    _ = try CredoCommand.parseAsRoot(["import", "schools", "file.txt", "--database", "sqlite::memory:"])
  }

  @Test(
    "import schools: a bad file exits 2 naming file, line, column and reason; a good one imports; again changes nothing"
  )
  func importSchools() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("credo-cli-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let database = "sqlite://\(directory.path)/cli.sqlite"
    let bad = try runCredo(["import", "schools", fixturePath("pubschls-bad.txt"), "--database", database])
    #expect(bad.status == 2)
    #expect(
      bad.err.contains(
        "pubschls-bad.txt: line 4, column 4 (StatusType): 'Open-ish' is not Active, Closed, Merged or Pending."))
    #expect(bad.err.contains("nothing was imported"))
    let good = try runCredo(["import", "schools", fixturePath("pubschls-good.txt"), "--database", database])
    #expect(good.status == 0)
    #expect(good.out.contains("8 rows, 10 added, 0 updated, 0 unchanged"))
    let again = try runCredo(["import", "schools", fixturePath("pubschls-good.txt"), "--database", database])
    #expect(again.out.contains("0 added, 0 updated, 8 unchanged"))
    let missing = try runCredo(["import", "schools", "/nonexistent.txt", "--database", database])
    #expect(missing.status != 0 && missing.err.contains("/nonexistent.txt"))
  }

  @Test("user add/grant/list, with the password from standard input's stand-in CREDO_PASSWORD")
  func users() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("credo-cli-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let database = "sqlite://\(directory.path)/users.sqlite"
    #expect(try runCredo(["import", "schools", fixturePath("pubschls-good.txt"), "--database", database]).status == 0)
    let add = try runCredo(
      ["user", "add", "ana", "--name", "Ana Lopez", "--database", database],
      environment: ["CREDO_PASSWORD": "a long passphrase"])
    #expect(add.status == 0)
    let grant = try runCredo([
      "user", "grant", "ana", "district_credential_analyst", "34673140000000", "--database", database,
    ])
    #expect(grant.status == 0)
    let wrong = try runCredo(["user", "grant", "ana", "site_administrator", "34673140000000", "--database", database])
    #expect(wrong.status == 2 && wrong.err.contains("school"))
    let list = try runCredo(["user", "list", "--database", database])
    #expect(list.out.contains("ana\tactive\tdistrict_credential_analyst@34673140000000"))
  }

  @Test("A bad configuration stops the command, listing every problem")
  func configuration() throws {
    let result = try runCredo(["migrate", "--database", "mysql://nope", "--log-level", "chatty"])
    #expect(result.status == 78)
    #expect(result.err.contains("database (--database)") && result.err.contains("log level (--log-level)"))
  }
}
