import Foundation

/// One field's change on one record, as kept in the audit trail: who changed what, from what, to what.
public struct AuditChange: Sendable, Codable, Hashable {
  public var field: String
  public var oldValue: String?
  public var newValue: String?

  public init(field: String, oldValue: String?, newValue: String?) {
    self.field = field
    self.oldValue = oldValue
    self.newValue = newValue
  }
}

/// A record whose fields the audit trail can compare. Values are rendered as the text shown on the
/// record's history, so "what changed" reads the same on every page and export.
public protocol Auditable {
  /// The record's kind as shown in the history ("educator", "organization", …).
  static var auditEntity: String { get }
  /// Field name → display value (nil for empty) of every field an office would want to see changed.
  var auditFields: [(String, String?)] { get }
}

extension Auditable {
  /// The changes from `old` to `self`, field by field, in declaration order. A creation is a change from nil.
  public func changes(from old: Self?) -> [AuditChange] {
    let before = Dictionary(old?.auditFields ?? [], uniquingKeysWith: { first, _ in first })
    return auditFields.compactMap { field, value in
      let previous = old == nil ? nil : before[field] ?? nil
      if old != nil, previous == value { return nil }
      if old == nil, value == nil { return nil }
      return AuditChange(field: field, oldValue: previous, newValue: value)
    }
  }
}

extension Educator: Auditable {
  public static let auditEntity = "educator"
  public var auditFields: [(String, String?)] {
    [
      ("seid", seid?.digits), ("first_name", firstName.nilIfEmpty), ("middle_name", middleName.nilIfEmpty),
      ("last_name", lastName.nilIfEmpty), ("birth_date", birthDate?.iso), ("email", email.nilIfEmpty),
    ]
  }
}

extension EmploymentRecord: Auditable {
  public static let auditEntity = "employment"
  public var auditFields: [(String, String?)] {
    [
      ("district_id", districtId.uuidString), ("school_id", schoolId?.uuidString),
      ("local_staff_id", localStaffId.nilIfEmpty), ("status", status.rawValue), ("start_date", startDate.iso),
      ("end_date", endDate?.iso), ("bargaining_unit", bargainingUnit.nilIfEmpty), ("job_title", jobTitle.nilIfEmpty),
    ]
  }
}

extension Organization: Auditable {
  public static let auditEntity = "organization"
  public var auditFields: [(String, String?)] {
    [
      ("cds_code", cdsCode.digits), ("kind", kind.rawValue), ("parent_id", parentId?.uuidString),
      ("name", name.nilIfEmpty), ("county_name", countyName.nilIfEmpty), ("district_name", districtName.nilIfEmpty),
      ("status", status.rawValue), ("ownership_code", ownershipCode.nilIfEmpty),
      ("ownership_type", ownershipType.nilIfEmpty), ("school_type_code", schoolTypeCode.nilIfEmpty),
      ("school_type", schoolType.nilIfEmpty), ("funding_type", fundingType.nilIfEmpty),
      ("charter", isCharter ? "yes" : "no"), ("charter_number", charterNumber.nilIfEmpty),
      ("grade_span", gradeSpan?.description), ("open_date", openDate?.iso), ("closed_date", closedDate?.iso),
      ("street", street.nilIfEmpty), ("city", city.nilIfEmpty), ("zip", zip.nilIfEmpty), ("phone", phone.nilIfEmpty),
      ("website", website.nilIfEmpty), ("administrator", administratorName.nilIfEmpty),
      ("administrator_email", administratorEmail.nilIfEmpty),
    ]
  }
}

extension String {
  public var nilIfEmpty: String? { isEmpty ? nil : self }
}
