import Foundation
import Ledger

/// What the runtime needs of the ledger: durable commits, and a terminal opened for business.
public protocol Journal: AnyObject {
    /// One durable commit; answers the receipt number it assigned, if any.
    func record(_ entries: [Entry]) throws -> Int?
    /// Records the opening float the first time, settles what a crash left open, and reports
    /// the cash counts and how many transactions the terminal has had.
    func openTerminal(_ terminal: Terminal, storeId: String, at: Date) throws -> (inventory: [Int: Int], transactions: Int)
}

/// The receipt printer: prints a finished transaction's receipt or refund slip.
public protocol ReceiptPrinter: AnyObject {
    var paperSheets: Int { get }
    func print(txnId: String) -> Result<[String], PrinterFault>
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
