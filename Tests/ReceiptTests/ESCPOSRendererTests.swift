import ChildProcess
import XCTest
@testable import Receipt

/// Walks ESC/POS bytes the way a printer does: every command must be one it knows, with
/// its parameters, and the text between commands must decode in the code page.
struct ESCPOSDecoder {
    enum Command: Equatable {
        case initialise, kanjiOn, codePage(UInt8), align(UInt8), bold(Bool), size(UInt8), kanjiSize(UInt8)
        case qr(function: UInt8, data: [UInt8]), barcodeHeight(UInt8), barcodeWidth(UInt8), barcodeText(UInt8)
        case barcode(system: UInt8, data: [UInt8]), feed(UInt8), cut(UInt8, UInt8), text([UInt8])
    }

    struct Malformed: Error, CustomStringConvertible {
        let offset: Int
        var description: String { "malformed command at byte \(offset)" }
    }

    static func decode(_ bytes: [UInt8]) throws -> [Command] {
        var out: [Command] = []
        var i = 0
        var text: [UInt8] = []
        func need(_ n: Int) throws -> ArraySlice<UInt8> {
            guard i + n <= bytes.count else { throw Malformed(offset: i) }
            defer { i += n }
            return bytes[i..<(i + n)]
        }
        func flush() { if !text.isEmpty { out.append(.text(text)); text = [] } }
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x1B, 0x1D, 0x1C:
                flush()
                let head = try need(2)
                switch (head.first!, head.last!) {
                case (0x1B, 0x40): out.append(.initialise)
                case (0x1B, 0x61): out.append(.align(try need(1).first!))
                case (0x1B, 0x45): out.append(.bold(try need(1).first! == 1))
                case (0x1B, 0x64): out.append(.feed(try need(1).first!))
                case (0x1C, 0x26): out.append(.kanjiOn)
                case (0x1C, 0x43): out.append(.codePage(try need(1).first!))
                case (0x1C, 0x21): out.append(.kanjiSize(try need(1).first!))
                case (0x1D, 0x21): out.append(.size(try need(1).first!))
                case (0x1D, 0x68): out.append(.barcodeHeight(try need(1).first!))
                case (0x1D, 0x77): out.append(.barcodeWidth(try need(1).first!))
                case (0x1D, 0x48): out.append(.barcodeText(try need(1).first!))
                case (0x1D, 0x56):
                    let p = try need(2)
                    out.append(.cut(p.first!, p.last!))
                case (0x1D, 0x6B):
                    let system = try need(1).first!
                    guard system == 73 else { throw Malformed(offset: i) }
                    let n = Int(try need(1).first!)
                    out.append(.barcode(system: system, data: Array(try need(n))))
                case (0x1D, 0x28):
                    guard try need(1).first! == 0x6B else { throw Malformed(offset: i) }
                    let length = try need(2)
                    let n = Int(length.first!) + Int(length.last!) << 8
                    let body = Array(try need(n))
                    guard body.count >= 2, body[0] == 0x31 else { throw Malformed(offset: i) }
                    out.append(.qr(function: body[1], data: Array(body.dropFirst(2))))
                default:
                    throw Malformed(offset: i)
                }
            case 0x0A:
                text.append(b)
                i += 1
            case 0x00..<0x20:
                throw Malformed(offset: i)
            default:
                text.append(b)
                i += 1
            }
        }
        flush()
        return out
    }
}

final class ESCPOSRendererTests: XCTestCase {
    private func shiftJISText(_ commands: [ESCPOSDecoder.Command]) throws -> String {
        let bytes = commands.flatMap { command -> [UInt8] in
            if case .text(let t) = command { return t } else { return [] }
        }
        return try XCTUnwrap(String(bytes: bytes, encoding: .shiftJIS) ?? decodeWithIconv(bytes))
    }

    /// Foundation on Linux may lack Shift_JIS; iconv always has it.
    private func decodeWithIconv(_ bytes: [UInt8]) -> String? {
        guard let result = try? ChildProcess.run("iconv", ["-f", "SHIFT_JIS", "-t", "UTF-8"], input: Data(bytes), timeout: 30),
              result.status == 0 else { return nil }
        return result.output
    }

    func testEveryCommandIsWellFormedAndTheTextIsShiftJIS() throws {
        let bytes = ESCPOSRenderer(codePage: .shiftJIS).render(Samples.sale(.ja).document)
        let commands = try ESCPOSDecoder.decode(bytes)
        XCTAssertEqual(commands.first, .initialise)
        XCTAssertTrue(commands.contains(.codePage(1)))
        XCTAssertTrue(commands.contains(.kanjiOn))
        XCTAssertTrue(commands.contains(.bold(true)))
        XCTAssertTrue(commands.contains(.size(0x11)))
        XCTAssertTrue(commands.contains(.qr(function: 0x50, data: Array("0FM-SBY-1-000123".utf8))))
        XCTAssertTrue(commands.contains(.qr(function: 0x51, data: [0x30])))
        XCTAssertTrue(commands.contains(.barcode(system: 73, data: Array("{BFM-SBY-1-000123".utf8))))
        XCTAssertEqual(commands.last, .cut(0x42, 0))
        let text = try shiftJISText(commands)
        for expected in ["ファミリーマート", "合計", "(内消費税等 10%", "お釣り", "2,020", "T1234567890123"] {
            XCTAssertTrue(text.contains(expected), "missing \(expected)")
        }
    }

    func testYenSignIsTheShiftJISYen() throws {
        XCTAssertEqual(CodePage.shiftJIS.encode("¥2,980"), [0x5C] + Array("2,980".utf8))
        XCTAssertEqual(CodePage.shiftJIS.encode("合計"), [0x8D, 0x87, 0x8C, 0x76])
    }

    func testCharactersOutsideTheCodePageBecomeQuestionMarks() {
        XCTAssertEqual(CodePage.shiftJIS.encode("话A"), Array("?A".utf8))
        XCTAssertEqual(CodePage.gb18030.encode("充值"), [0xB3, 0xE4, 0xD6, 0xB5])
    }

    func testChineseReceiptsDecodeToo() throws {
        for language in [Language.zhHans, .zhHant, .en] {
            XCTAssertNoThrow(try ESCPOSDecoder.decode(ESCPOSRenderer(codePage: .of(language)).render(Samples.refund(language).document)))
        }
    }

    func testDecoderRejectsATruncatedCommand() {
        XCTAssertThrowsError(try ESCPOSDecoder.decode([0x1B, 0x40, 0x1D, 0x28, 0x6B, 0x09]))
        XCTAssertThrowsError(try ESCPOSDecoder.decode([0x1B, 0x7F]))
    }
}
