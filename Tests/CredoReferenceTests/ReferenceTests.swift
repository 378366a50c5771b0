import CredoDomain
import CredoReference
import Testing

@Suite("Reference tables")
struct ReferenceTests {
  @Test("58 counties numbered alphabetically: 01 Alameda, 19 Los Angeles, 34 Sacramento, 58 Yuba")
  func counties() {
    #expect(CaliforniaCounties.names.count == 58)
    #expect(CaliforniaCounties.name(of: CountyCode("01")!) == "Alameda")
    #expect(CaliforniaCounties.name(of: CountyCode("19")!) == "Los Angeles")
    #expect(CaliforniaCounties.name(of: CountyCode("34")!) == "Sacramento")
    #expect(CaliforniaCounties.name(of: CountyCode("58")!) == "Yuba")
    #expect(CaliforniaCounties.code(named: "san diego")?.digits == "37")
  }

  @Test("Ownership codes name the CDE's district and school types")
  func ownership() {
    #expect(OwnershipCodes.district["54"] == "Unified School District")
    #expect(OwnershipCodes.district["00"] == "County Office of Education (COE)")
    #expect(OwnershipCodes.school["66"] == "High Schools (Public)")
    #expect(OwnershipCodes.normalize("0") == "00")
  }
}
