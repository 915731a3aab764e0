import Foundation
import Ledger
import Receipt

/// The simulated thermal printer: each document is written into the receipts folder in the
/// formats the terminal is configured for. Paper runs down by one sheet a document; a
/// `paper-out` fault empties it. The ledger keeps the count, so it outlives the process.
public final class FilePrinter: ReceiptPrinter {
    private let catalogue: Catalogue
    private let ledger: Ledger?
    private let folder: String?
    private let faults: Faults
    private var random: SeededRandom

    public init(catalogue: Catalogue, ledger: Ledger?, folder: String?, faults: Faults = .none, seed: UInt64 = 1) {
        self.catalogue = catalogue
        self.ledger = ledger
        self.folder = folder
        self.faults = faults
        random = SeededRandom(seed: seed ^ 0x9A9E)
    }

    /// The ledger's count, or the roll the fixtures set the terminal up with.
    public func paperSheets(terminalId: String) throws -> Int {
        try ledger?.paperSheets(terminalId: terminalId) ?? setUp(terminalId)
    }

    private func setUp(_ terminalId: String) -> Int {
        catalogue.device(terminalId)?.paperSheets ?? 0
    }

    /// A sheet for each document, taken off the roll before it prints.
    private func use(_ documents: Int, on terminalId: String) throws {
        try ledger?.usePaper(terminalId: terminalId, sheets: documents, setUp: setUp(terminalId))
    }

    /// The folder a terminal's documents go to: `--receipts DIR`, or `var/receipts/<terminal>/`.
    public func folder(for terminalId: String) -> URL {
        URL(fileURLWithPath: folder ?? "var/receipts/\(terminalId)")
    }

    public func print(_ document: Document, named name: String, terminalId: String) -> Result<[String], PrinterFault> {
        guard let terminal = catalogue.device(terminalId) else { return .failure(.failed("there is no terminal \(terminalId)")) }
        do {
            guard try paperSheets(terminalId: terminalId) > 0 else { return .failure(.outOfPaper) }
            try use(1, on: terminalId)
            return .success(try write(document, named: name, language: .en, terminal: terminal))
        } catch let fault as PrinterFault {
            return .failure(fault)
        } catch {
            return .failure(.failed(String(describing: error)))
        }
    }

    /// The document in each of the terminal's formats, in its receipts folder.
    private func write(_ document: Document, named name: String, language: Language, terminal: Terminal) throws -> [String] {
        let dir = folder(for: terminal.id)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return try terminal.receiptFormats.map(\.documentFormat).map { format in
            let url = dir.appendingPathComponent(name + "." + format.fileExtension)
            try place(render(document, as: format, language: language), at: url)
            return url.path
        }
    }

    /// Written beside its name and renamed into place, so that nobody reads half a receipt.
    /// Not forced to disk: the ledger is the record, and any receipt can be reprinted from it.
    private func place(_ data: Data, at url: URL) throws {
        let partial = url.path + ".partial"
        func failure() -> PrinterFault {
            .failed("cannot write \(url.lastPathComponent): \(String(cString: strerror(errno)))")
        }
        let fd = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure() }
        let written = data.withUnsafeBytes { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        let closed = close(fd) == 0
        guard written, closed, rename(partial, url.path) == 0 else {
            let fault = failure()
            unlink(partial)
            throw fault
        }
    }

    public func print(slipNo: String, reprint: Bool) -> Result<[String], PrinterFault> {
        guard let ledger else { return .failure(.failed("the ledger is not open")) }
        do {
            guard let slip = try ledger.slip(slipNo), let terminal = catalogue.device(slip.issue.terminalId) else {
                return .failure(.failed("there is no slip \(slipNo)"))
            }
            if random.chance(faults.paperOut) { try ledger.runOutOfPaper(terminalId: terminal.id) }
            guard try paperSheets(terminalId: terminal.id) > 0 else { return .failure(.outOfPaper) }
            let printable = try ReceiptContent.applicationSlip(slip, catalogue: catalogue, reprint: reprint)
            try use(1, on: terminal.id)
            return .success(try write(printable.document, named: printable.name + (reprint ? "-reprint" : ""),
                                      language: printable.language, terminal: terminal))
        } catch let fault as PrinterFault {
            return .failure(fault)
        } catch {
            return .failure(.failed(String(describing: error)))
        }
    }

    public func print(txnId: String, language: Language?, reprint: Bool) -> Result<[String], PrinterFault> {
        guard let ledger else { return .failure(.failed("the ledger is not open")) }
        do {
            guard let txn = try ledger.transaction(id: txnId), let terminal = catalogue.device(txn.terminalId) else {
                return .failure(.failed("there is no transaction \(txnId)"))
            }
            if random.chance(faults.paperOut) { try ledger.runOutOfPaper(terminalId: terminal.id) }
            guard try paperSheets(terminalId: terminal.id) > 0 else { return .failure(.outOfPaper) }
            let printables = try ReceiptContent.documents(for: txn, journal: try ledger.journal(txnId: txnId),
                                                           catalogue: catalogue, language: language, reprint: reprint)
            try use(printables.count, on: terminal.id)
            var files: [String] = []
            for printable in printables {
                files += try write(printable.document, named: printable.name + (reprint ? "-reprint" : ""),
                                   language: printable.language, terminal: terminal)
            }
            return .success(files)
        } catch let fault as PrinterFault {
            return .failure(fault)
        } catch {
            return .failure(.failed(String(describing: error)))
        }
    }
}

extension ReceiptFormat {
    /// Receipts print at 48 columns, the width of 80 mm paper.
    public var documentFormat: DocumentFormat {
        switch self {
        case .text: return .text(width: 48)
        case .pdf: return .pdf
        case .escpos: return .escpos
        }
    }
}
