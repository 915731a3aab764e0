import Foundation
import XCTest
@testable import Kiosk
import Ledger
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
        let ledger = try Ledger(path: TestMachine.temporaryPath())
        let printer = FilePrinter(catalogue: Sample.catalogue, ledger: ledger, folder: dir.path)
        // FM-SBY-1 prints text (80 mm paper, 48 columns), PDF and ESC/POS.
        let files = try printer.print(document, named: "x-report", terminalId: "FM-SBY-1").get()
        XCTAssertEqual(files.map { URL(fileURLWithPath: $0).lastPathComponent }, ["x-report.txt", "x-report.pdf", "x-report.bin"])
        XCTAssertEqual(try String(contentsOfFile: files[0], encoding: .utf8), TextRenderer(width: 48).render(document))
        XCTAssertTrue(try Data(contentsOf: URL(fileURLWithPath: files[1])).starts(with: Data("%PDF".utf8)))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".partial") }, [])
        XCTAssertEqual(try printer.paperSheets(terminalId: "FM-SBY-1"), Sample.catalogue.terminal("FM-SBY-1")!.paperSheets - 1)
    }

    func testThePaperCountOutlivesThePrinterUntilStaffLoadARoll() throws {
        let dir = try folder()
        let ledger = try Ledger(path: TestMachine.temporaryPath())
        let setUp = Sample.catalogue.terminal("FM-NMB-1")!.paperSheets
        _ = try FilePrinter(catalogue: Sample.catalogue, ledger: ledger, folder: dir.path)
            .print(document, named: "x", terminalId: "FM-NMB-1").get()
        // A printer started afresh on the same ledger, as after a restart.
        XCTAssertEqual(try FilePrinter(catalogue: Sample.catalogue, ledger: ledger, folder: dir.path).paperSheets(terminalId: "FM-NMB-1"),
                       setUp - 1)
        try ledger.runOutOfPaper(terminalId: "FM-NMB-1")
        let restarted = FilePrinter(catalogue: Sample.catalogue, ledger: ledger, folder: dir.path)
        XCTAssertEqual(try restarted.paperSheets(terminalId: "FM-NMB-1"), 0)
        XCTAssertEqual(restarted.print(document, named: "y", terminalId: "FM-NMB-1").failure, .outOfPaper)
        // Another terminal's printer is untouched.
        XCTAssertEqual(try restarted.paperSheets(terminalId: "FM-SBY-1"), Sample.catalogue.terminal("FM-SBY-1")!.paperSheets)
        try ledger.ensureTerminal(storeId: "fm-namba", terminalId: "FM-NMB-1", openingFloat: [:], at: Sample.noon)
        try ledger.loadPaper(terminalId: "FM-NMB-1", sheets: PaperRoll.sheets, staff: "Sato", at: Sample.noon)
        XCTAssertEqual(try restarted.paperSheets(terminalId: "FM-NMB-1"), PaperRoll.sheets)
        XCTAssertTrue(try ledger.journal().contains { $0.step == .staff(action: "loaded paper: 400 sheets", name: "Sato") })
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

extension Result {
    var failure: Failure? {
        if case .failure(let f) = self { return f }
        return nil
    }
}
