import Foundation

/// The CDE directory's District Ownership Codes (DOC) and School Ownership Codes (SOC), so that a directory
/// file missing the text columns, or Credo's own demo data, still shows what kind of LEA or school a row is.
///
/// Source: CDE, "File Structure: Public Schools and Districts" (DOC, DOCType, SOC, SOCType descriptions).
public enum OwnershipCodes {
  public static let source = "CDE File Structure: Public Schools and Districts"

  public static let district: [String: String] = [
    "00": "County Office of Education (COE)",
    "02": "State Board of Education",
    "03": "Statewide Benefit Charter",
    "31": "State Special Schools",
    "34": "Non-school Location",
    "42": "Joint Powers Authority (JPA)",
    "52": "Elementary School District",
    "54": "Unified School District",
    "56": "High School District",
    "58": "Community College District",
    "98": "Regional Occupational Center/Program (ROC/P)",
  ]

  public static let school: [String: String] = [
    "08": "Preschool",
    "09": "Special Education Schools (Public)",
    "10": "County Community",
    "11": "Youth Authority Facilities (CEA)",
    "13": "Opportunity Schools",
    "14": "Juvenile Court Schools",
    "15": "Other County or District Programs",
    "31": "State Special Schools",
    "60": "Elementary School (Public)",
    "61": "Elementary School in 1 School District (Public)",
    "62": "Intermediate/Middle Schools (Public)",
    "63": "Alternative Schools of Choice",
    "64": "Junior High Schools (Public)",
    "65": "K-12 Schools (Public)",
    "66": "High Schools (Public)",
    "67": "High Schools in 1 School District (Public)",
    "68": "Continuation High Schools",
    "69": "District Community Day Schools",
    "70": "Adult Education Centers",
    "98": "Regional Occupational Center/Program (ROC/P)",
  ]

  /// Normalizes `0`/`54`/` 54 ` to the two-digit form.
  public static func normalize(_ code: String) -> String {
    let trimmed = code.trimmingCharacters(in: .whitespaces)
    return trimmed.count == 1 ? "0" + trimmed : trimmed
  }
}
