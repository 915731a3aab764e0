import XCTest
import Money

final class YenTests: XCTestCase {
    func testFormatsWithThousandsSeparators() {
        XCTAssertEqual(Yen(2980).description, "¥2,980")
        XCTAssertEqual(Yen(0).description, "¥0")
        XCTAssertEqual(Yen(1_234_567).description, "¥1,234,567")
        XCTAssertEqual(Yen(-500).description, "-¥500")
    }

    func testIncludedTaxIsFloorOfTenOverOneHundredTen() {
        XCTAssertEqual(Yen(2980).includedConsumptionTax, Yen(270))
        XCTAssertEqual(Yen(110).includedConsumptionTax, Yen(10))
        XCTAssertEqual(Yen(109).includedConsumptionTax, Yen(9))
    }
}
