import CredoStore
import Foundation

/// The templates Credo ships with, written to `notice_templates` on first use (edits are kept from then on).
///
/// Subjects and e-mail bodies are plain text (nothing is HTML-escaped); letters are HTML (values are escaped), laid
/// out by the letter page with the organization's letterhead, the date and the address block.
enum DefaultNoticeTemplates {
  static let letterhead = """
    <header class="letterhead"><p class="org">{{organization_name}}</p><p>{{organization_address}}</p></header>
    <p class="letter-date">{{date}}</p>
    <address class="recipient">{{recipient_name}}<br>{{recipient_role}}<br>{{recipient_email}}</address>

    """

  static let renewalText = """
    {{#has_renewal}}
    Renewal requirements printed on the document:
    {{/has_renewal}}
    {{#renewal_items}}
      - {{text}}
    {{/renewal_items}}
    """

  static let renewalLetter = """
    {{#has_renewal}}<p>Renewal requirements printed on the document:</p>{{/has_renewal}}
    <ul>{{#renewal_items}}<li>{{text}}</li>{{/renewal_items}}</ul>
    """

  static func all(at now: Date) -> [NoticeTemplateRecord] {
    [
      NoticeTemplateRecord(
        templateKey: "expiration-warning", name: "Expiration warning to the holder",
        description:
          "Sent to the holder 90, 60 and 30 days before a document expires (CTC courtesy reminder, domain guide §1.1).",
        subject: "Your {{document}} expires on {{expires}}",
        emailBody: """
          Dear {{name}},

          Our records show that your {{term}} {{document}} (document {{document_number}}) expires on {{expires}}, in {{days_left}} days.
          Renew it with the Commission on Teacher Credentialing before that date: without a valid document you may not serve in a certificated position (EC 44830).

          \(renewalText)
          If you have already renewed, send the renewal to the credentials office so our records stop these reminders.

          {{organization_name}}
          """,
        letterBody: letterhead + """
          <p>Re: {{document}} (document {{document_number}}) expires {{expires}}</p>
          <p>Dear {{name}},</p>
          <p>Our records show that your {{term}} {{document}} expires on <strong>{{expires}}</strong>, in {{days_left}} days.
          Renew it with the Commission on Teacher Credentialing before that date: without a valid document you may not serve in a certificated position (EC 44830).</p>
          \(renewalLetter)
          <p>If you have already renewed, send the renewal to the credentials office so our records stop these reminders.</p>
          <p class="signature">Credentials office, {{organization_name}}</p>
          """, updatedAt: now),
      NoticeTemplateRecord(
        templateKey: "no-valid-document", name: "May not report to work (no valid document)",
        description:
          "The day after the last document expired, to the holder, the principal and the certificated assignment unit; escalated to the county office when nobody acted (EC 44830, EC 45037).",
        subject: "{{#escalated}}ESCALATED: {{/escalated}}{{name}} holds no valid credential since {{expires}}",
        emailBody: """
          {{recipient_name}},

          {{name}}'s {{document}} (document {{document_number}}) expired on {{expires}}, {{days_expired}} days ago, and Credo has no other valid document on file.
          An employee without a valid credential may not report to work in a certificated assignment (EC 44830) and may not be paid for it (EC 45037).
          {{#escalated}}
          This notice is escalated: {{days_expired}} days after expiration the educator is still assigned and no renewal has been recorded.
          {{/escalated}}

          Until a valid document is recorded, arrange coverage for the assignment and contact the credentials office.
          \(renewalText)

          {{organization_name}}
          """,
        letterBody: letterhead + """
          <p>Re: {{name}}: no valid credential since {{expires}}{{#escalated}} (escalated){{/escalated}}</p>
          <p>{{name}}'s {{document}} (document {{document_number}}) expired on <strong>{{expires}}</strong>, {{days_expired}} days ago, and no other valid document is on file.</p>
          <p>An employee without a valid credential may not report to work in a certificated assignment (EC 44830) and may not be paid for it (EC 45037).</p>
          {{#escalated}}<p><strong>Escalated:</strong> the educator is still assigned and no renewal has been recorded.</p>{{/escalated}}
          \(renewalLetter)
          <p class="signature">Credentials office, {{organization_name}}</p>
          """, updatedAt: now),
      NoticeTemplateRecord(
        templateKey: "renewal-requirements", name: "Renewal requirements",
        description:
          "Sent to the holder of a document that carries renewal codes, 180 days before it expires (domain guide §1.1).",
        subject: "Renewal requirements for your {{document}}",
        emailBody: """
          Dear {{name}},

          Your {{term}} {{document}} (document {{document_number}}) expires on {{expires}}.
          \(renewalText)
          A document may be renewed up to one year before it expires. Complete these requirements in time.

          {{organization_name}}
          """,
        letterBody: letterhead + """
          <p>Re: renewal requirements for {{document}} (document {{document_number}})</p>
          <p>Dear {{name}},</p>
          <p>Your {{term}} {{document}} expires on <strong>{{expires}}</strong>.</p>
          \(renewalLetter)
          <p>A document may be renewed up to one year before it expires. Complete these requirements in time.</p>
          <p class="signature">Credentials office, {{organization_name}}</p>
          """, updatedAt: now),
      NoticeTemplateRecord(
        templateKey: "misassignment", name: "Misassignment notice to a district",
        description:
          "When the monitoring authority determines a misassignment: the district has 30 calendar days to correct it (domain rule 73, EC 44258.9).",
        subject: "Misassignment determined: {{name}}, {{course}} at {{school}}",
        emailBody: """
          {{recipient_name}},

          The monitoring authority determined on {{determined_on}} that the assignment of {{name}} (SEID {{seid}}) to {{course}} at {{school}} ({{academic_year}}) is a misassignment ({{rule}}).
          The district must correct it within 30 calendar days, by {{correct_by}} (EC 44258.9; domain rule 73).

          {{organization_name}}
          """,
        letterBody: letterhead + """
          <p>Re: misassignment of {{name}} (SEID {{seid}}), {{academic_year}}</p>
          <p>The monitoring authority determined on {{determined_on}} that the assignment of {{name}} to {{course}} at {{school}} is a misassignment ({{rule}}).</p>
          <p>The district must correct it within 30 calendar days, by <strong>{{correct_by}}</strong> (EC 44258.9; domain rule 73).</p>
          <p class="signature">Monitoring authority, {{organization_name}}</p>
          """, updatedAt: now),
      NoticeTemplateRecord(
        templateKey: "cycle-misassignments", name: "Misassignments at the close of the monitoring cycle",
        description:
          "When the county office closes the cycle: every exception still undetermined became a misassignment (domain rule 72); one notice per district lists them, with 30 calendar days to correct (rule 73, EC 44258.9).",
        subject: "{{count}} misassignments at the close of the {{academic_year}} monitoring cycle: {{district}}",
        emailBody: """
          {{recipient_name}},

          The monitoring authority closed the {{academic_year}} assignment monitoring cycle on {{closed_on}}. {{count}} exceptions of {{district}} had no determination by then and are now misassignments (domain rule 72):

          {{#items}}
          - {{text}}
          {{/items}}

          The district must correct them within 30 calendar days, by {{correct_by}} (EC 44258.9; domain rule 73).

          {{organization_name}}
          """,
        letterBody: letterhead + """
          <p>Re: misassignments at the close of the {{academic_year}} monitoring cycle</p>
          <p>The monitoring authority closed the {{academic_year}} assignment monitoring cycle on {{closed_on}}. {{count}} exceptions of {{district}} had no determination by then and are now misassignments (domain rule 72):</p>
          <ul>{{#items}}<li>{{text}}</li>{{/items}}</ul>
          <p>The district must correct them within 30 calendar days, by <strong>{{correct_by}}</strong> (EC 44258.9; domain rule 73).</p>
          <p class="signature">Monitoring authority, {{organization_name}}</p>
          """, updatedAt: now),
      NoticeTemplateRecord(
        templateKey: "ctc-action", name: "CTC action applied to a record",
        description: "A CTC adverse action or reinstatement applied to an educator's document (EC 44421, 44424).",
        subject: "CTC action on {{name}}'s {{document}}: {{action}}",
        emailBody: """
          {{recipient_name}},

          The Commission on Teacher Credentialing action "{{action}}" was applied to {{name}}'s {{document}}, effective {{effective}}{{#until}} until {{until}}{{/until}}.
          Check the educator's assignments: a suspended or revoked document does not authorize service (EC 44421, 44424).

          {{organization_name}}
          """,
        letterBody: letterhead + """
          <p>Re: CTC action on {{name}}'s {{document}}</p>
          <p>The Commission on Teacher Credentialing action <strong>{{action}}</strong> was applied to {{name}}'s {{document}}, effective {{effective}}{{#until}} until {{until}}{{/until}}.</p>
          <p>A suspended or revoked document does not authorize service (EC 44421, 44424).</p>
          <p class="signature">Credentials office, {{organization_name}}</p>
          """, updatedAt: now),
      NoticeTemplateRecord(
        templateKey: "pay-hold", name: "Pay hold before payday",
        description: "An employee on pay hold before payday: no valid credential for the period (EC 45037).",
        subject: "Pay hold for {{name}}: payday {{payday}}",
        emailBody: """
          {{recipient_name}},

          {{name}} is on pay hold for the period {{period}} (payday {{payday}}): {{reason}}.
          Warrants are not drawn for certificated service without a valid credential (EC 45037).

          {{organization_name}}
          """,
        letterBody: letterhead + """
          <p>Re: pay hold for {{name}}, payday {{payday}}</p>
          <p>{{name}} is on pay hold for the period {{period}}: {{reason}}.</p>
          <p>Warrants are not drawn for certificated service without a valid credential (EC 45037).</p>
          <p class="signature">Credentials office, {{organization_name}}</p>
          """, updatedAt: now),
    ]
  }

  /// Sample values for the template editor's preview.
  static let sampleFacts: [String: String] = [
    "name": "Ana Reyes", "first_name": "Ana", "last_name": "Reyes", "document": "Single Subject Teaching Credential",
    "document_code": "TC1", "document_number": "200012345", "term": "Preliminary", "expires": "2027-02-21",
    "days_left": "90", "days_expired": "31", "renewal_codes": "R14I",
    "renewal_requirements": "R14I: Complete an induction program (clears a preliminary teaching credential)",
    "escalated": "yes", "course": "9325 Chemistry", "school": "Example High", "seid": "1234567890",
    "academic_year": "2025-26", "rule": "course not authorized", "determined_on": "2026-11-23",
    "correct_by": "2026-12-23", "action": "Suspension", "effective": "2026-11-23", "until": "2027-02-23",
    "period": "2026-11-01 to 2026-11-30", "payday": "2026-11-30", "reason": "no valid credential on file",
    "district": "Example Unified School District", "count": "2", "closed_on": "2027-06-30",
    "items":
      "SEID 1234567890: 9325 section 101 at Example High (course not authorized)\nSEID 2345678901: 2720 section 7 at Example Elementary (no EL authorization)",
  ]
}
