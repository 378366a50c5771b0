import CredoDomain
import Foundation

/// California's 58 counties and their two-digit codes, the first two digits of every CDS code.
///
/// Source: CDE, "County-District-School (CDS) Code" and the Public Schools and Districts directory
/// (the County column); the numbering is alphabetical and has not changed since it was assigned.
public enum CaliforniaCounties {
  public static let asOf = "2026-01-01"
  public static let source = "CDE Public Schools and Districts directory, County column"

  public static let names: [String] = [
    "Alameda", "Alpine", "Amador", "Butte", "Calaveras", "Colusa", "Contra Costa", "Del Norte", "El Dorado",
    "Fresno", "Glenn", "Humboldt", "Imperial", "Inyo", "Kern", "Kings", "Lake", "Lassen", "Los Angeles",
    "Madera", "Marin", "Mariposa", "Mendocino", "Merced", "Modoc", "Mono", "Monterey", "Napa", "Nevada",
    "Orange", "Placer", "Plumas", "Riverside", "Sacramento", "San Benito", "San Bernardino", "San Diego",
    "San Francisco", "San Joaquin", "San Luis Obispo", "San Mateo", "Santa Barbara", "Santa Clara",
    "Santa Cruz", "Shasta", "Sierra", "Siskiyou", "Solano", "Sonoma", "Stanislaus", "Sutter", "Tehama",
    "Trinity", "Tulare", "Tuolumne", "Ventura", "Yolo", "Yuba",
  ]

  public static func name(of code: CountyCode) -> String { names[Int(code.digits)! - 1] }

  public static func code(named name: String) -> CountyCode? {
    let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
    return names.firstIndex { $0.lowercased() == wanted }.flatMap { CountyCode(number: $0 + 1) }
  }

  public static var all: [(code: CountyCode, name: String)] {
    names.enumerated().map { (CountyCode(number: $0.offset + 1)!, $0.element) }
  }
}
