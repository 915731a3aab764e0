import Receipt

/// The receipt printer: prints a finished transaction's receipt or refund slip.
public protocol ReceiptPrinter: AnyObject {
    /// Sheets left in the printer of that terminal.
    func paperSheets(terminalId: String) throws -> Int
    /// In the language asked, or (nil) the one the customer used.
    func print(txnId: String, language: Language?, reprint: Bool) -> Result<[String], PrinterFault>
    /// An application slip from the ledger, in the customer's language beside Japanese.
    func print(slipNo: String, reprint: Bool) -> Result<[String], PrinterFault>
    /// Any other document (an X or Z report) on that terminal's printer.
    func print(_ document: Document, named: String, terminalId: String) -> Result<[String], PrinterFault>
}

public enum PrinterFault: Error, Equatable, CustomStringConvertible {
    case outOfPaper
    case failed(String)

    public var description: String {
        switch self {
        case .outOfPaper: return "the printer is out of paper; staff can reprint the receipt"
        case .failed(let why): return "the receipt could not be printed: \(why)"
        }
    }
}

/// A new roll of receipt paper, as staff load it.
public enum PaperRoll {
    public static let sheets = 400
}
