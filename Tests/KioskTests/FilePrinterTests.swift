import Foundation
import XCTest
@testable import Kiosk
import Receipt

/// The printer writes each document whole, in every format the terminal prints, and says
/// which file it could not write.
final class FilePrinterTests: XCTestCase {
    private let document = Document([.text("X REPORT", .center, .bold), .columns("Sales", "¥2,980"), .qr(QRCode("FM-SBY-1-000001"))])

    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("printer-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testEachFormatOfTheTerminalIsWrittenWholeAndNothingPartialStays() throws {
        let dir = try folder()
        let printer = FilePrinter(catalogue: Sample.catalogue, ledger: nil, folder: dir.path)
        // FM-SBY-1 prints text (80 mm paper, 48 columns), PDF and ESC/POS.
        let files = try printer.print(document, named: "x-report", terminalId: "FM-SBY-1").get()
        XCTAssertEqual(files.map { URL(fileURLWithPath: $0).lastPathComponent }, ["x-report.txt", "x-report.pdf", "x-report.bin"])
        XCTAssertEqual(try String(contentsOfFile: files[0], encoding: .utf8), TextRenderer(width: 48).render(document))
        XCTAssertTrue(try Data(contentsOf: URL(fileURLWithPath: files[1])).starts(with: Data("%PDF".utf8)))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".partial") }, [])
        XCTAssertEqual(printer.paperSheets(terminalId: "FM-SBY-1"), Sample.catalogue.terminal("FM-SBY-1")!.paperSheets - 1)
    }

    func testAFolderThatCannotTakeTheFileIsAFaultNamingIt() throws {
        let dir = try folder()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // A folder where the receipt file should be: the file cannot be put in place.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("x-report.txt"), withIntermediateDirectories: false)
        let printer = FilePrinter(catalogue: Sample.catalogue, ledger: nil, folder: dir.path)
        guard case .failure(.failed(let reason)) = printer.print(document, named: "x-report", terminalId: "FM-SBY-1") else {
            return XCTFail("the print did not fail")
        }
        XCTAssertTrue(reason.contains("x-report.txt"), reason)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["x-report.txt"])
    }
}
