import ArgumentParser
import CredoCore
import CredoDomain
import Foundation

/// `credo notify run|send|status|retry-failed|rules`: the alert chain's daily job, mail delivery, the outbox and the
/// alert rules.
struct NotifyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "notify",
    abstract: "Send the notices that are due (expiration alerts) and deliver the mail outbox.",
    subcommands: [Run.self, Send.self, Status.self, RetryFailed.self, Rules.self])

  struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Work out today's notices, queue each once, and deliver what is due. Cron-friendly: safe to run again (e.g. `0 6 * * * credo notify run`)."
    )
    @OptionGroup var options: GlobalOptions
    @Option(help: "Compute as of this day (YYYY-MM-DD) instead of today (to catch up or rehearse).") var date: String?
    @Flag(name: .customLong("no-deliver"), help: "Queue the notices but send no mail now.") var noDeliver = false

    func run() async throws {
      let configuration = try options.configuration()
      var day: CalendarDate?
      if let date {
        guard let parsed = CalendarDate(parsing: date) else {
          throw ValidationError("--date must be a date like 2026-11-23, not '\(date)'.")
        }
        day = parsed
      }
      do {
        let report = try await withServices(configuration) { services in
          try await NotifyRun(services.on(day)).run(mail: configuration.mail, deliver: !noDeliver)
        }
        print(report.summary)
        for line in report.enqueue.unreached.prefix(20) { print("  nobody on file: \(line)") }
        for line in report.delivery.errors.prefix(20) { print("  delivery failed: \(line)") }
        if configuration.mail == nil && report.delivery.waiting > 0 {
          print(
            "Mail is not configured: \(report.delivery.waiting) e-mails wait in the outbox (the notices are in-app and in the correspondence). Set CREDO_SMTP_URL or CREDO_MAIL_TRANSPORT=sendmail, and CREDO_MAIL_FROM."
          )
        }
      } catch { throw reportFailure(error) }
    }
  }

  struct Send: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Deliver the outbox's due e-mails only.")
    @OptionGroup var options: GlobalOptions

    func run() async throws {
      let configuration = try options.configuration()
      do {
        let report = try await withServices(configuration) { services in
          try await MailDelivery(services, settings: configuration.mail).deliverDue()
        }
        print(
          "Delivered \(report.sent), retrying \(report.retrying), failed \(report.failed), waiting for mail settings \(report.waiting)."
        )
        for line in report.errors.prefix(20) { print("  delivery failed: \(line)") }
      } catch { throw reportFailure(error) }
    }
  }

  struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the outbox's counts and failed deliveries.")
    @OptionGroup var options: GlobalOptions

    func run() async throws {
      let configuration = try options.configuration()
      do {
        let summary = try await withServices(configuration) { try await NoticeInbox($0).summary(by: .system()) }
        print(
          "Notices: \(summary.notices); e-mails queued \(summary.queued), sent \(summary.sent), failed \(summary.failed)"
        )
        print("Mail: \(configuration.mail.map { $0.makeTransport().summary } ?? "not configured")")
        for message in summary.retrying {
          print(
            "  \(message.status.rawValue) \(message.toAddress) after \(message.attempts) attempts: \(message.lastError ?? "")"
          )
        }
      } catch { throw reportFailure(error) }
    }
  }

  struct RetryFailed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "retry-failed", abstract: "Queue failed e-mails again (after fixing the mail settings).")
    @OptionGroup var options: GlobalOptions

    func run() async throws {
      let configuration = try options.configuration()
      do {
        let count = try await withServices(configuration) { try await NoticeInbox($0).retryFailed(by: .system()) }
        print("Queued \(count) failed e-mails again.")
      } catch { throw reportFailure(error) }
    }
  }
}

extension NotifyCommand {
  /// `credo notify rules [list|export|import FILE]`: the alert chain's rules as data.
  struct Rules: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List, export or load the alert rules (the steps of the expiration alert chain).",
      subcommands: [List.self, Export.self, Load.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Print the alert rules, by chain and day.")
      @OptionGroup var options: GlobalOptions

      func run() async throws {
        let configuration = try options.configuration()
        do {
          let rules = try await withServices(configuration) { try await AlertRules($0).list(by: .system()) }
          for stored in rules {
            let rule = stored.rule
            print(
              [
                rule.id.padding(toLength: 16, withPad: " ", startingAt: 0),
                (rule.enabled ? "on " : "off"), rule.whenText.padding(toLength: 28, withPad: " ", startingAt: 0),
                rule.template.padding(toLength: 22, withPad: " ", startingAt: 0),
                rule.audience.map(\.rawValue).joined(separator: ",")
                  + " by " + rule.channels.map(\.rawValue).joined(separator: ",")
                  + (rule.escalation ? " (escalation)" : ""),
              ].joined(separator: " "))
          }
        } catch { throw reportFailure(error) }
      }
    }

    struct Export: AsyncParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Write the alert rules as CSV (docs/INTERCHANGE-EXTENSIONS.md, \"Alert rules\") to standard output.")
      @OptionGroup var options: GlobalOptions

      func run() async throws {
        let configuration = try options.configuration()
        do {
          let text = try await withServices(configuration) { try await AlertRules($0).export(by: .system()) }
          FileHandle.standardOutput.write(Data(text.utf8))
        } catch { throw reportFailure(error) }
      }
    }

    struct Load: AsyncParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Replace every alert rule with a file's (CSV, as `export` writes it).",
        discussion:
          "The whole file is checked first; any problem rejects it with each problem's line and field, and the rules stay as they were. Exit status 2 means the file was rejected."
      )
      @OptionGroup var options: GlobalOptions
      @Argument(help: "The rules file (- for standard input).") var file: String

      func run() async throws {
        let configuration = try options.configuration()
        let data = try readInput(file)
        do {
          let rules = try await withServices(configuration) { services in
            try await AlertRules(services).importFile(
              data, fileName: (file as NSString).lastPathComponent, by: .system())
          }
          print(
            "Loaded \(rules.count) alert rules (\(rules.filter(\.enabled).count) switched on); they apply from the next notice run."
          )
        } catch { throw reportFailure(error) }
      }
    }
  }
}

extension CredoServices {
  /// The same services pinned to `day` (noon, California time), or unchanged when nil.
  func on(_ day: CalendarDate?) -> CredoServices {
    guard let day else { return self }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = .california
    let noon =
      calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12)) ?? Date()
    return CredoServices(
      database: database, today: .fixed(noon), passwords: passwords, logger: logger, throttle: throttle,
      sessionLifetime: sessionLifetime)
  }

}
