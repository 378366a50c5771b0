import CredoDomain
import CredoReference
import CredoStore
import Foundation

/// How big a synthetic data set to make.
public enum DemoSize: String, Sendable, CaseIterable {
  /// One county, two districts, six schools, about 60 educators: for tests.
  case small
  /// One county office with about 12 districts and 6,000 educators: the quick start.
  case county
  /// 58 counties, about 1,000 districts, 10,000 schools and 300,000 educators: for benchmarks.
  case state

  struct Shape {
    var counties: [Int]
    var districts: Int
    var schools: Int
    var educators: Int
  }

  var shape: Shape {
    switch self {
    case .small: Shape(counties: [34], districts: 2, schools: 6, educators: 60)
    case .county: Shape(counties: [34], districts: 12, schools: 150, educators: 6_000)
    case .state: Shape(counties: Array(1...58), districts: 1_000, schools: 10_000, educators: 300_000)
    }
  }
}

/// A deterministic, realistic synthetic data set: counties, their offices of education, districts, schools,
/// educators and employment records. The same size always yields the same rows (ids included), so tests
/// and benchmarks can name what they expect.
public struct DemoDataSet: Sendable {
  public var organizations: [Organization]
  public var educators: [Educator]
  public var employments: [EmploymentRecord]
  public var notes: [EducatorNote]
  public var documents: [CredentialDocument]
  /// The demo county and its first two (non-COE) districts and the first school of district A: the
  /// organizations the demo accounts are granted at.
  public var county: Organization
  public var districtA: Organization
  public var districtB: Organization
  public var schoolA: Organization

  /// Relative county sizes, so Los Angeles has many districts and Alpine one (roughly by enrollment).
  static let countyWeights: [Int: Int] = [
    19: 80, 37: 42, 30: 28, 33: 23, 36: 33, 1: 18, 43: 31, 34: 13, 10: 32, 15: 47, 7: 18, 56: 20, 39: 14, 50: 25,
    54: 45, 27: 24, 41: 23, 42: 21, 38: 2, 49: 40, 48: 7, 44: 10, 24: 20, 4: 15, 40: 10, 57: 5, 12: 31, 23: 12,
  ]

  public static func generate(size: DemoSize, today: CalendarDate, seed: UInt64 = 2026) -> DemoDataSet {
    var rng = SeededGenerator(seed: seed &+ UInt64(DemoSize.allCases.firstIndex(of: size)!))
    let shape = size.shape
    var organizations: [Organization] = []
    var districtsWithSchools: [(district: Organization, schools: [Organization])] = []

    // Districts per county, in proportion to weight, at least one each.
    let weights = shape.counties.map { countyWeights[$0] ?? (3 + $0 % 5) }
    let totalWeight = weights.reduce(0, +)
    var districtCounts = weights.map {
      max(1, Int((Double(shape.districts) * Double($0) / Double(totalWeight)).rounded()))
    }
    districtCounts[0] += shape.districts - districtCounts.reduce(0, +)
    districtCounts[0] = max(1, districtCounts[0])
    let schoolsPerDistrict = Double(shape.schools) / Double(shape.districts)
    var schoolSerial = 0
    var placeIndex = 0

    for (countyIndex, countyNumber) in shape.counties.enumerated() {
      let countyCode = CountyCode(number: countyNumber)!
      let countyName = CaliforniaCounties.name(of: countyCode)
      let county = Organization(
        id: rng.uuid(), cdsCode: CDSCode(county: countyCode), name: "\(countyName) County", countyName: countyName,
        districtName: "")
      organizations.append(county)
      let coeCode = DistrictCode(countyCode.digits + "10" + String(format: "%03d", 100 + countyNumber * 7 % 900))!
      let coe = Organization(
        id: rng.uuid(), cdsCode: CDSCode(district: coeCode), parentId: county.id,
        name: "\(countyName) County Office of Education", countyName: countyName,
        districtName: "\(countyName) County Office of Education", ownershipCode: "00",
        ownershipType: OwnershipCodes.district["00"]!, gradeSpan: GradeSpan(parsing: "K-12"),
        openDate: CalendarDate(year: 1980, month: 7, day: 1), city: countyName,
        website: "https://www.\(countyName.lowercased().replacingOccurrences(of: " ", with: ""))coe.example.org")
      organizations.append(coe)

      for d in 0..<districtCounts[countyIndex] {
        let place = DemoNames.placeNames[placeIndex % DemoNames.placeNames.count]
        let round = placeIndex / DemoNames.placeNames.count
        placeIndex += 1
        let placeName =
          round == 0 ? place : "\(place) \(["North", "South", "East", "West", "Central", "Upper", "Lower"][round % 7])"
        let docKind = rng.int(0...9)
        let (doc, suffix, spanText) =
          docKind < 5
          ? ("54", "Unified School District", "K-12")
          : docKind < 8 ? ("52", "Elementary School District", "K-8") : ("56", "Union High School District", "9-12")
        let districtCode = DistrictCode(countyCode.digits + String(61_000 + d * 17))!
        let districtName = "\(placeName) \(suffix)"
        let domain = placeName.lowercased().replacingOccurrences(of: " ", with: "") + ".k12.example.org"
        let district = Organization(
          id: rng.uuid(), cdsCode: CDSCode(district: districtCode), parentId: county.id, name: districtName,
          countyName: countyName, districtName: districtName, ownershipCode: doc,
          ownershipType: OwnershipCodes.district[doc]!, gradeSpan: GradeSpan(parsing: spanText),
          openDate: CalendarDate(year: 1950 + rng.int(0...40), month: 7, day: 1), city: placeName,
          zip: "9\(String(format: "%04d", rng.int(0...9999)))",
          phone: "(916) 555-\(String(format: "%04d", rng.int(0...9999)))",
          website: "https://www.\(domain)",
          administratorName: "\(rng.pick(DemoNames.givenNames)) \(rng.pick(DemoNames.lastNames))",
          administratorEmail: "superintendent@\(domain)")
        organizations.append(district)

        let schoolCount = max(1, Int((schoolsPerDistrict * Double(rng.int(60...140)) / 100).rounded()))
        var schools: [Organization] = []
        for s in 0..<schoolCount {
          schoolSerial += 1
          let (soc, level, span): (String, String, String) =
            switch doc {
            case "52": s % 4 == 3 ? ("62", "Middle", "6-8") : ("60", "Elementary", "K-5")
            case "56": s % 5 == 4 ? ("68", "Continuation High", "9-12") : ("66", "High", "9-12")
            default:
              s % 6 < 3 ? ("60", "Elementary", "K-5") : s % 6 < 5 ? ("62", "Middle", "6-8") : ("66", "High", "9-12")
            }
          let charter = rng.chance(0.05)
          let namesake = rng.pick(DemoNames.schoolNamesakes)
          let schoolCode = CDSCode(districtCode.digits + String(format: "%07d", 100_000 + schoolSerial * 7))!
          schools.append(
            Organization(
              id: rng.uuid(), cdsCode: schoolCode, parentId: district.id,
              name: charter ? "\(placeName) \(["Academy", "Charter", "Prep"][s % 3])" : "\(namesake) \(level)",
              countyName: countyName, districtName: districtName, ownershipCode: doc,
              ownershipType: OwnershipCodes.district[doc]!, schoolTypeCode: soc,
              schoolType: OwnershipCodes.school[soc]!,
              isCharter: charter, charterNumber: charter ? String(format: "%04d", 1000 + schoolSerial % 9000) : "",
              fundingType: charter ? "Directly funded" : "", gradeSpan: GradeSpan(parsing: span),
              openDate: CalendarDate(year: 1955 + rng.int(0...65), month: 8, day: 15),
              street:
                "\(rng.int(100...9999)) \(rng.pick(["Oak", "Main", "Elm", "Mission", "Pine", "Lincoln"])) \(rng.pick(["St", "Ave", "Blvd", "Way"]))",
              city: placeName, zip: district.zip, phone: "(916) 555-\(String(format: "%04d", rng.int(0...9999)))",
              administratorName: "\(rng.pick(DemoNames.givenNames)) \(rng.pick(DemoNames.lastNames))"))
        }
        organizations.append(contentsOf: schools)
        districtsWithSchools.append((district, schools))
      }
    }

    // Educators, spread over schools in proportion; most at one school, some at the district office,
    // some split between two schools, some with an earlier, ended employment elsewhere in the county.
    var educators: [Educator] = []
    var employments: [EmploymentRecord] = []
    var notes: [EducatorNote] = []
    var documents: [CredentialDocument] = []
    var documentSerial = 0
    educators.reserveCapacity(shape.educators)
    employments.reserveCapacity(shape.educators * 11 / 10)
    var localSerial: [UUID: Int] = [:]
    let totalSchools = districtsWithSchools.reduce(0) { $0 + $1.schools.count }
    let perSchool = Double(shape.educators) / Double(max(1, totalSchools))
    let statuses: [(EmploymentStatus, Int)] = [
      (.permanent, 55), (.probationary, 20), (.temporary, 8), (.substitute, 10), (.provisional, 4), (.conditional, 3),
    ]
    func status() -> EmploymentStatus {
      var roll = rng.int(1...100)
      for (status, weight) in statuses {
        roll -= weight
        if roll <= 0 { return status }
      }
      return .permanent
    }
    let titles = [
      "Teacher", "Teacher", "Teacher", "Teacher", "Special Education Teacher", "Counselor", "School Psychologist",
      "Speech-Language Pathologist", "Teacher Librarian", "Assistant Principal", "Resource Specialist",
    ]
    var made = 0
    var districtIndex = 0
    let countyDistricts = Dictionary(grouping: districtsWithSchools, by: { $0.district.cdsCode.countyCode })
    func nextLocalId(_ district: Organization) -> String {
      let n = (localSerial[district.id] ?? 0) + 1
      localSerial[district.id] = n
      return "E" + String(format: "%06d", n)
    }
    for (district, schools) in districtsWithSchools {
      districtIndex += 1
      for school in schools {
        let wanted =
          districtIndex == districtsWithSchools.count && school == schools.last
          ? shape.educators - made
          : max(1, Int((perSchool * Double(rng.int(70...130)) / 100).rounded()))
        for _ in 0..<max(0, min(wanted, shape.educators - made)) {
          made += 1
          let birth = CalendarDate(year: rng.int(1958...2001), month: rng.int(1...12), day: rng.int(1...28))!
          let first = rng.pick(DemoNames.givenNames)
          let last = rng.pick(DemoNames.lastNames)
          // Ten-digit SEIDs without collisions: a bijection of the serial number (multiplier coprime to modulus).
          let seidNumber = 1_000_000_000 + (UInt64(made) &* 2_654_435_761) % 8_999_999_999
          let educator = Educator(
            id: rng.uuid(), seid: rng.chance(0.01) ? nil : SEID(String(seidNumber)), firstName: first,
            middleName: rng.chance(0.25) ? String(rng.pick(DemoNames.givenNames).prefix(1)) : "", lastName: last,
            birthDate: birth,
            email:
              "\(first.lowercased().filter(\.isLetter)).\(last.lowercased().filter(\.isLetter))\(made % 97)@\(district.website.replacingOccurrences(of: "https://www.", with: ""))"
          )
          educators.append(educator)
          let start = CalendarDate(
            year: min(today.year - 1, birth.year + rng.int(22...45)), month: 8, day: rng.int(10...25))!
          let atDistrictOffice = rng.chance(0.08)
          let status = status()
          employments.append(
            EmploymentRecord(
              id: rng.uuid(), educatorId: educator.id, districtId: district.id,
              schoolId: atDistrictOffice ? nil : school.id,
              place: atDistrictOffice ? OrganizationPlace(district.cdsCode) : OrganizationPlace(school.cdsCode),
              localStaffId: nextLocalId(district), status: status, startDate: start,
              endDate: status == .temporary || status == .substitute
                ? CalendarDate(year: today.month >= 7 ? today.year + 1 : today.year, month: 6, day: 30) : nil,
              bargainingUnit: status == .substitute ? "Substitutes" : "Certificated", jobTitle: rng.pick(titles)))
          documents.append(
            contentsOf: DemoPortfolios.generate(
              educator: educator, employment: employments.last!, school: atDistrictOffice ? nil : school, today: today,
              serial: &documentSerial, rng: &rng))
          if !atDistrictOffice, schools.count > 1, rng.chance(0.03) {
            let other = schools[(schools.firstIndex(of: school)! + 1) % schools.count]
            employments.append(
              EmploymentRecord(
                id: rng.uuid(), educatorId: educator.id, districtId: district.id, schoolId: other.id,
                place: OrganizationPlace(other.cdsCode), localStaffId: employments.last!.localStaffId, status: status,
                startDate: start, bargainingUnit: "Certificated", jobTitle: "Teacher (split assignment)"))
          }
          if let neighbours = countyDistricts[district.cdsCode.countyCode], neighbours.count > 1, rng.chance(0.08) {
            let previous = neighbours[rng.int(0...(neighbours.count - 1))]
            if previous.district != district, let previousSchool = previous.schools.first {
              let earlierStart = start.adding(days: -365 * rng.int(2...8))
              employments.append(
                EmploymentRecord(
                  id: rng.uuid(), educatorId: educator.id, districtId: previous.district.id,
                  schoolId: previousSchool.id,
                  place: OrganizationPlace(previousSchool.cdsCode), localStaffId: nextLocalId(previous.district),
                  status: .probationary, startDate: earlierStart, endDate: start.adding(days: -60),
                  bargainingUnit: "Certificated", jobTitle: "Teacher"))
            }
          }
          if rng.chance(0.004) {
            notes.append(
              EducatorNote(
                id: rng.uuid(), educatorId: educator.id, category: .discipline,
                body: "CTC letter of adverse action received; copy placed in the personnel file.", authorId: nil,
                authorName: "demo", createdAt: Date(timeIntervalSince1970: 1_750_000_000)))
          }
          if rng.chance(0.002) {
            notes.append(
              EducatorNote(
                id: rng.uuid(), educatorId: educator.id, category: .criminalHistory,
                body: "DOJ subsequent arrest notice received; reviewed by the custodian of records.", authorId: nil,
                authorName: "demo", createdAt: Date(timeIntervalSince1970: 1_750_000_000)))
          }
        }
      }
    }

    let county = organizations.first { $0.kind == .county }!
    let districtA = districtsWithSchools[0].district
    let districtB = districtsWithSchools[min(1, districtsWithSchools.count - 1)].district
    return DemoDataSet(
      organizations: organizations, educators: educators, employments: employments, notes: notes, documents: documents,
      county: county,
      districtA: districtA, districtB: districtB, schoolA: districtsWithSchools[0].schools[0])
  }
}
