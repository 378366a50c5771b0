import ArgumentParser
import CredoCore
import CredoDomain
import CredoStore
import Foundation

/// `credo bench load|engine|monitor`: the repeatable measurements behind docs/PERFORMANCE.md. Figures are printed,
/// never asserted by tests.
struct Bench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure demo loading, the assignment engine and monitoring runs (see docs/PERFORMANCE.md).",
    subcommands: [Load.self, Engine.self, MonitorRun.self], defaultSubcommand: Load.self)

  /// `credo bench [load] --size …`: loads the demo into an empty database, then times educator searches.
  struct Load: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Load the demo into an empty database and time educator searches.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Data set size to load first into the (empty) database.") var size: String = "county"

    func run() async throws {
      let configuration = try options.configuration()
      guard let demoSize = DemoSize(rawValue: size) else {
        throw ValidationError("--size must be small, county or state.")
      }
      do {
        try await withServices(configuration) { services in
          let load = try await DemoLoader(services).load(size: demoSize)
          print(
            "load \(size): \(String(format: "%.1f", load.seconds)) s, \(load.educators) educators, \(load.employments) employments"
          )
          let records = EducatorRecords(services)
          var timings: [Double] = []
          for i in 0..<50 {
            let started = Date()
            _ = try await records.list(
              .init(text: ["Garcia", "Nguyen", "Smith", "Lee", "Patel"][i % 5]),
              window: .init(sort: "name", page: 1 + i % 3),
              by: .system())
            timings.append(Date().timeIntervalSince(started) * 1000)
          }
          timings.sort()
          print(
            String(
              format: "educator search (50 runs): p50 %.1f ms, p90 %.1f ms, max %.1f ms", timings[25], timings[45],
              timings[49]))
        }
      } catch { throw reportFailure(error) }
    }
  }

  /// `credo bench engine`: decisions per second of the pure `AssignmentEngine` on one thread, in memory.
  struct Engine: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Decisions per second of the assignment engine on one core, on the demo data set in memory.",
      discussion:
        "Generates the data set and its CALPADS submission in memory (no database), assembles every assignment as a monitoring run does, then decides them all repeatedly on one thread for --seconds. Reports decisions per second of thread CPU time (what one core does, whatever else the machine runs) and of wall time."
    )

    @Option(help: "county or state.") var size: String = "county"
    @Option(help: "Measure for at least this many seconds of CPU time.") var seconds: Double = 10
    @Option(help: "Assemble at most this many sections (a state year holds 2.5 million).") var limit: Int = 300_000
    @Option(
      help:
        "What each decision makes: codes (status, rules, TAMO), outcome (also basis and explanation as the decision holds them: written out for some findings, kept as what they are written from for the frequent ones), fingerprint (outcome, and every finding's fingerprint computed without writing its text, as a monitoring run compares findings with what is on file), rendered (outcome, and every finding's basis and explanation written out, as a run that stores every finding does) or full (rendered, and facts)."
    )
    var text: String = "outcome"

    func run() async throws {
      guard let demoSize = DemoSize(rawValue: size) else { throw ValidationError("--size must be county or state.") }
      let level: DecisionText
      let render: Bool
      var fingerprint = false
      switch text {
      case "codes": (level, render) = (.codes, false)
      case "outcome": (level, render) = (.outcome, false)
      case "fingerprint": (level, render, fingerprint) = (.outcome, false, true)
      case "rendered": (level, render) = (.outcome, true)
      case "full": (level, render) = (.full, true)
      default: throw ValidationError("--text must be codes, outcome, fingerprint, rendered or full.")
      }
      let generating = Date()
      let workload = EngineWorkload.demo(size: demoSize, today: Today().date, limit: limit)
      print(
        "\(size): \(workload.sections.count) of \(workload.totalSections) sections and \(workload.services.count) service codes assembled in \(String(format: "%.1f", Date().timeIntervalSince(generating))) s"
      )
      // Warm-up: caches, lazily built tables.
      _ = workload.decideAll(text: level, render: render, fingerprint: fingerprint)
      var decisions = 0
      var findings = 0
      var bytes = 0
      var rounds = 0
      let cpuStart = threadCPUSeconds()
      let wallStart = Date()
      while threadCPUSeconds() - cpuStart < seconds {
        let (d, f, b) = workload.decideAll(text: level, render: render, fingerprint: fingerprint)
        decisions += d
        findings &+= f
        bytes &+= b
        rounds += 1
      }
      let cpu = threadCPUSeconds() - cpuStart
      let wall = Date().timeIntervalSince(wallStart)
      print(
        "text \(text): \(rounds) rounds, \(decisions) decisions (\(findings) findings, "
          + (render ? "\(bytes) bytes of text" : "no text written") + ") in "
          + "\(fixed(cpu, 2)) s CPU, \(fixed(wall, 2)) s wall: \(fixed(Double(decisions) / cpu, 0)) decisions/s per "
          + "core (CPU), \(fixed(Double(decisions) / wall, 0))/s wall")
    }
  }

  /// `credo bench monitor`: a monitoring run's phases on a fresh demo database, a re-run, and re-evaluating one
  /// educator after a credential change.
  struct MonitorRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "monitor",
      abstract: "Load the demo into an empty database, then time monitoring: first run, re-run, one SEID.",
      discussion:
        "The demo load writes the data set and its CALPADS submission (without monitoring); then a first monitoring run, a run with nothing changed, and one educator's credential renewed and re-evaluated with --seid (the first re-evaluation after the change, then the median of 5 more). Peak memory is the process's maximum resident set."
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: "county or state.") var size: String = "county"
    @Flag(
      help:
        "Use the database as it is (loaded and monitored, e.g. a state year): time only the one-educator re-evaluation."
    )
    var existing = false
    @Option(help: "The educator to renew and re-evaluate (default: the teacher of the year's first section).")
    var seid: String?

    func run() async throws {
      let configuration = try options.configuration()
      guard let demoSize = DemoSize(rawValue: size) else {
        throw ValidationError("--size must be small, county or state.")
      }
      let chosen = try seid.map { text in
        guard let seid = SEID(text) else { throw ValidationError("--seid \(text) is not a 10-digit SEID.") }
        return seid
      }
      do {
        try await withServices(configuration) { services in
          let year = services.schoolYear
          if !existing { try await loadAndMonitor(services, demoSize) }
          try await reevaluateOne(services, year: year, chosen: chosen)
        }
        print("Peak memory (max RSS): \(peakMemoryMiB()) MiB")
      } catch { throw reportFailure(error) }
    }

    private func loadAndMonitor(_ services: CredoServices, _ demoSize: DemoSize) async throws {
      let year = services.schoolYear
      let started = Date()
      let loadPhases = PhaseTimings()
      let load = try await DemoLoader(services).load(size: demoSize, timings: loadPhases, monitor: false) {
        print($0)
      }
      print("Demo load (\(load.sections) sections):\n" + loadPhases.report)

      let firstPhases = PhaseTimings()
      let first = try await Monitor(services).run(
        year: year, by: .system(), timings: firstPhases, keepOutcomes: false
      ) { print("  " + $0) }
      print("First monitoring run (\(first.run.evaluated) assignments):\n" + firstPhases.report)
      print(String(format: "Demo load + first run: %.1f s", Date().timeIntervalSince(started)))

      let againPhases = PhaseTimings()
      let again = try await Monitor(services).run(
        year: year, by: .system(), timings: againPhases, keepOutcomes: false)
      print(
        "Re-run, nothing changed (\(again.run.newFindings) new, \(again.run.changedFindings) changed):\n"
          + againPhases.report)

    }

    /// One educator's credential renewed, a new version of their first document valid five more years, then that
    /// educator re-evaluated with `--seid` six times.
    private func reevaluateOne(_ services: CredoServices, year: SchoolYear, chosen: SEID?) async throws {
      var found = chosen
      if found == nil, let section = try await CalpadsRepository(services.database.sql).sections(year: year).first {
        found = SEID(section.seid)
      }
      guard let seid = found,
        let educatorId = try await EducatorRepository(services.database.sql).ids(seids: [seid])[seid],
        let document = try await CredentialRepository(services.database.sql).current(educatorId: educatorId).first
      else {
        print("No section with a teacher on file; skipped the one-educator re-evaluation.")
        return
      }
      var form = DocumentForm(document)
      form.values["expiration_date"] =
        CalendarDate(
          year: year.startYear + 5, month: 7, day: 1)?.iso ?? ""
      form.values["status"] = "active"
      let saving = Date()
      try await CredentialEntry(services).save(educatorId: educatorId, form: form, by: .system())
      let saved = Date().timeIntervalSince(saving)
      var times: [Double] = []
      var changed = 0
      let seidPhases = PhaseTimings()
      for i in 0..<6 {
        let t = Date()
        let result = try await Monitor(services).run(
          year: year, seids: [seid.digits], by: .system(), timings: i == 0 ? seidPhases : nil)
        times.append(Date().timeIntervalSince(t) * 1000)
        if i == 0 { changed = result.run.newFindings + result.run.changedFindings + result.run.resolvedFindings }
      }
      print("Re-evaluating one SEID, first time after the change:\n" + seidPhases.report)
      let rest = times.dropFirst().sorted()
      print(
        "One credential renewed (saved in \(fixed(saved * 1000, 1)) ms), SEID \(seid.digits) re-evaluated: "
          + "\(fixed(times[0], 1)) ms (\(changed) findings new, changed or resolved); again, median of 5: "
          + "\(fixed(rest[rest.count / 2], 1)) ms")
    }
  }
}

/// `value` with `digits` decimals.
func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

/// CPU time of the calling thread, in seconds.
func threadCPUSeconds() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// The process's peak resident set (VmHWM), in MiB; 0 where /proc is not available.
func peakMemoryMiB() -> Int {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
  for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
    let kilobytes = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
    return kilobytes / 1024
  }
  return 0
}
