import ArgumentParser
import CredoCore
import CredoDomain
import CredoStore
import Foundation

/// `credo pay periods add|monthly|import|list`, `credo pay run`, `credo pay holds`: pay release (EC 45037).
struct PayCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pay",
    abstract: "Pay periods, and which employees' pay to hold because no valid document covers the period.",
    subcommands: [Periods.self, Run.self, Holds.self])

  static func district(_ text: String) throws -> DistrictCode {
    guard let code = DistrictCode(text) else { throw ValidationError("--district must be 7 digits, not '\(text)'.") }
    return code
  }

  static func date(_ text: String, _ option: String) throws -> CalendarDate {
    guard let date = CalendarDate(parsing: text) else {
      throw ValidationError("--\(option) must be a date like 2026-11-30, not '\(text)'.")
    }
    return date
  }

  struct Periods: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Set up and list pay periods.", subcommands: [Add.self, Monthly.self, ImportFile.self, List.self])

    struct Add: AsyncParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Add one pay period to a district.")
      @OptionGroup var options: GlobalOptions
      @Option(help: "District code (7 digits).") var district: String
      @Option(help: "First day of the period (YYYY-MM-DD).") var start: String
      @Option(help: "Last day of the period (YYYY-MM-DD).") var end: String
      @Option(help: "Payday (YYYY-MM-DD).") var payday: String

      func run() async throws {
        let configuration = try options.configuration()
        let code = try PayCommand.district(district)
        let s = try PayCommand.date(start, "start")
        let e = try PayCommand.date(end, "end")
        let p = try PayCommand.date(payday, "payday")
        do {
          let period = try await withServices(configuration) {
            try await PayRelease($0).addPeriod(district: code, start: s, end: e, payday: p, by: .system())
          }
          print("Added pay period \(period.start)–\(period.end), payday \(period.payday), for district \(code).")
        } catch { throw reportFailure(error) }
      }
    }

    struct Monthly: AsyncParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Add monthly periods (1st to month end) for a range of months; existing ones are kept.")
      @OptionGroup var options: GlobalOptions
      @Option(help: "District code (7 digits).") var district: String
      @Option(help: "A day in the first month (YYYY-MM-DD).") var from: String
      @Option(help: "A day in the last month (YYYY-MM-DD).") var through: String
      @Option(help: "Payday: this day of the following month.") var payday = 10

      func run() async throws {
        let configuration = try options.configuration()
        let code = try PayCommand.district(district)
        let f = try PayCommand.date(from, "from")
        let t = try PayCommand.date(through, "through")
        do {
          let added = try await withServices(configuration) {
            try await PayRelease($0).addMonthlyPeriods(
              district: code, from: f, through: t, paydayOfNextMonth: payday, by: .system())
          }
          print("Added \(added.count) monthly pay periods for district \(code).")
        } catch { throw reportFailure(error) }
      }
    }

    struct ImportFile: AsyncParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add periods from a CSV file: district_code,start_date,end_date,payday. A bad file is rejected whole."
      )
      @OptionGroup var options: GlobalOptions
      @Argument(help: "The periods file.") var file: String

      func run() async throws {
        let configuration = try options.configuration()
        let data = try readInput(file)
        do {
          let added = try await withServices(configuration) {
            try await PayRelease($0).importPeriods(
              data: data, fileName: (file as NSString).lastPathComponent, by: .system())
          }
          print("Added \(added.count) pay periods (periods already on file were kept).")
        } catch { throw reportFailure(error) }
      }
    }

    struct List: AsyncParsableCommand {
      static let configuration = CommandConfiguration(abstract: "List pay periods, latest first.")
      @OptionGroup var options: GlobalOptions
      @Option(help: "Only this district (7 digits).") var district: String?

      func run() async throws {
        let configuration = try options.configuration()
        let code = try district.map(PayCommand.district)
        do {
          let periods = try await withServices(configuration) {
            try await PayRelease($0).periods(district: code, by: .system())
          }
          print("district  start       end         payday")
          for p in periods { print("\(p.district)  \(p.start)  \(p.end)  \(p.payday)") }
        } catch { throw reportFailure(error) }
      }
    }
  }

  struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Evaluate a pay period: hold or release each certificated employee, and say what changed.",
      discussion:
        "With --district and --period (a day of the period, or its payday), that period; with --district alone, the next one to be paid; with --due, every period paid from today through the warning window (the daily job). Pay-hold warnings are due from --warning-days (default CREDO_PAY_WARNING_DAYS or 10) before payday."
    )
    @OptionGroup var options: GlobalOptions
    @Option(help: "District code (7 digits).") var district: String?
    @Option(help: "A day in the period, or its payday (YYYY-MM-DD); default: the next payday.") var period: String?
    @Flag(help: "Every period paid within the warning window, in every district.") var due = false
    @Option(name: .customLong("warning-days"), help: "Days before payday the warnings are due.") var warningDays: Int?

    func run() async throws {
      let configuration = try options.configuration()
      guard due || district != nil else { throw ValidationError("Give --district CODE (and --period DATE), or --due.") }
      let code = try district.map(PayCommand.district)
      let day = try period.map { try PayCommand.date($0, "period") }
      if let warningDays, !(0...60).contains(warningDays) {
        throw ValidationError("--warning-days must be from 0 to 60, not \(warningDays).")
      }
      do {
        let results = try await withServices(configuration) { services in
          let pay = PayRelease(services, warningDays: warningDays)
          if due { return try await pay.evaluateDue(by: .system()) }
          let found = try await pay.period(district: code!, on: day, by: .system())
          return [try await pay.evaluate(periodId: found.id, by: .system())]
        }
        if results.isEmpty { print("No pay period is paid within the warning window.") }
        for r in results {
          print(
            "District \(r.period.district), \(r.period.start)–\(r.period.end), payday \(r.period.payday): \(r.held) held, \(r.released) released; \(r.newlyHeld.count) newly held, \(r.newlyReleased.count) released since the last run; \(r.notices.count) pay-hold notices queued (each sent once)."
          )
        }
      } catch { throw reportFailure(error) }
    }
  }

  struct Holds: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Export the holds of the next payday (or one period) for payroll as CSV.")
    @OptionGroup var options: GlobalOptions
    @Option(help: "Only this district (7 digits).") var district: String?
    @Option(help: "A day in the period, or its payday (YYYY-MM-DD); needs --district.") var period: String?
    @Flag(help: "Releases too, not only holds.") var all = false
    @Option(help: "Write to this file instead of standard output.") var out: String?

    func run() async throws {
      let configuration = try options.configuration()
      let code = try district.map(PayCommand.district)
      let day = try period.map { try PayCommand.date($0, "period") }
      if day != nil, code == nil { throw ValidationError("--period needs --district.") }
      do {
        let text = try await withServices(configuration) { services in
          let pay = PayRelease(services)
          let periods: [PayPeriod]
          if let code, let day {
            periods = [try await pay.period(district: code, on: day, by: .system())]
          } else {
            periods = try await pay.nextPeriods(by: .system()).filter { code == nil || $0.district == code }
          }
          let list = try await pay.holds(
            filter: PayHoldFilter(periodIds: periods.map(\.id), status: all ? nil : .held, district: code),
            window: .all(sort: "district"), by: .system(), forExport: true)
          var csv = CSVWriter(header: PayRelease.csvHeader)
          for row in list.items { csv.append(PayRelease.csvRow(row)) }
          return (csv.text, list.items.count)
        }
        guard let out else {
          print(text.0, terminator: "")
          return
        }
        do { try Data(text.0.utf8).write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
          printError("Cannot write \(out): \(error.localizedDescription)")
          throw ExitCode(73)
        }
        print("Wrote \(text.1) rows to \(out).")
      } catch { throw reportFailure(error) }
    }
  }
}

/// `credo ctc rematch`: match the unmatched CTC action rows again (after new educators arrived).
struct CTCCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ctc", abstract: "CTC action lists (All Points Bulletin, license match).", subcommands: [Rematch.self])

  struct Rematch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Match the unmatched rows again.")
    @OptionGroup var options: GlobalOptions

    func run() async throws {
      let configuration = try options.configuration()
      do {
        let s = try await withServices(configuration) { try await CTCActions($0).rematch(by: .system()) }
        print(
          "Applied \(s.applied) by SEID, \(s.candidates) now have candidates to confirm, \(s.unmatched) still unmatched; \(s.notices.count) ctc-action notices queued (each sent once)."
        )
      } catch { throw reportFailure(error) }
    }
  }
}
