import Foundation
import Receipt

/// A file of events that drives the real machine without a screen, one command a line:
///
///     tap start | tap digit 3 | tap plan docomo-3g-30 | tap language ja | tap pay-cash ...
///     tap staff-member Sato   who signs in to staff mode (then their PIN)
///     type 090-1234-5678      each digit (and a leading +) as a key
///     key enter|escape|backspace|<one character>
///     cash 1000               a coin or bill into the slot
///     card visa-ok            a test card presented (fixtures/test_cards.csv)
///     scan 2812 3456 …        a payment code shown to the scanner (or a test code's id)
///     wait 30                 thirty seconds pass
///     expect <screen>         stop with an error unless the machine shows that screen
///
/// Blank lines and lines starting with # are skipped.
public enum ScriptCommand: Equatable {
    case event(Event)
    case wait(TimeInterval)
    case expect(String)
}

public struct ScriptError: Error, CustomStringConvertible {
    public let description: String
}

public enum Script {
    public static let commands = ["tap", "type", "key", "cash", "card", "scan", "wait", "expect"]
    /// No command needs more; a longer line is a mistake, and its events would take memory and time.
    public static let maxLineLength = 1_000
    /// A wait is at most a day: the longest a machine can stand idle in a script's story.
    public static let maxWait: TimeInterval = 86_400

    public static func parse(_ text: String, file: String) throws -> [(line: Int, command: ScriptCommand)] {
        var out: [(Int, ScriptCommand)] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            func fail(_ why: String) -> ScriptError { ScriptError(description: "\(file) line \(i + 1): \(why).") }
            guard raw.utf8.count <= maxLineLength else {
                throw fail("the line is \(raw.utf8.count) bytes long; a line is at most \(maxLineLength)")
            }
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let words = line.split(separator: " ", maxSplits: 1).map(String.init)
            let verb = words[0], rest = words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : ""
            switch verb {
            case "tap":
                guard let button = button(rest) else { throw fail("\"\(rest)\" is not a button (for example start, digit 3, plan ID, pay-cash, cancel)") }
                out.append((i + 1, .event(.tap(button))))
            case "type":
                // A leading + is the international form of a number, +81 90…
                let keys = rest.filter { $0.isASCII && $0.isNumber || $0 == "+" }
                guard keys.contains(where: \.isNumber) else { throw fail("\"\(rest)\" has no digits to type") }
                for ch in keys { out.append((i + 1, .event(.key(.char(ch))))) }
            case "key":
                switch rest {
                case "enter": out.append((i + 1, .event(.key(.enter))))
                case "escape", "esc": out.append((i + 1, .event(.key(.escape))))
                case "backspace": out.append((i + 1, .event(.key(.backspace))))
                default:
                    guard rest.count == 1 else { throw fail("\"\(rest)\" is not a key (enter, escape, backspace or one character)") }
                    out.append((i + 1, .event(.key(.char(rest.first!)))))
                }
            case "cash":
                guard let d = Int(rest.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "¥", with: "")) else {
                    throw fail("\"\(rest)\" is not an amount of yen")
                }
                out.append((i + 1, .event(.cashInserted(d))))
            case "card":
                guard !rest.isEmpty else { throw fail("card needs a test card id (see fixtures/test_cards.csv)") }
                out.append((i + 1, .event(.tap(.presentCard(rest)))))
            case "scan":
                let digits = rest.filter { $0 != " " }
                guard !digits.isEmpty else { throw fail("scan needs a payment code, or a test code's id (see fixtures/test_wallets.csv)") }
                out.append((i + 1, .event(digits.allSatisfy(\.isNumber) ? .codeScanned(digits) : .tap(.scanCode(digits)))))
            case "wait":
                guard let s = Double(rest), (0...maxWait).contains(s) else {
                    throw fail("\"\(rest)\" is not a number of seconds from 0 to \(Int(maxWait)) (a day)")
                }
                out.append((i + 1, .wait(s)))
            case "expect":
                out.append((i + 1, .expect(rest)))
            default:
                throw fail("\"\(verb)\" is not a command; the commands are \(commands.joined(separator: ", "))")
            }
        }
        return out
    }

    /// The name `button(_:)` reads, for sentences about a button.
    public static func name(of button: ButtonID) -> String {
        switch button {
        case .start: return "start"
        case .confirm: return "confirm"
        case .back: return "back"
        case .cancel: return "cancel"
        case .finish: return "finish"
        case .deleteDigit: return "delete"
        case .clearNumber: return "clear"
        case .payByCash: return "pay-cash"
        case .payByCard: return "pay-card"
        case .payByWallet: return "pay-wallet"
        case .payAtRegister: return "pay-register"
        case .voidSlip: return "void-slip"
        case .useThisMachine: return "use-this-machine"
        case .staffEntry: return "staff"
        case .staffMember(let name): return "staff-member \(name)"
        case .staffAction(let id): return "staff-task \(id)"
        case .digit(let d): return "digit \(d)"
        case .plan(let id): return "plan \(id)"
        case .chain(let id): return "chain \(id)"
        case .store(let id): return "store \(id)"
        case .terminal(let id): return "terminal \(id)"
        case .insertCash(let d): return "cash \(d)"
        case .presentCard(let id): return "card \(id)"
        case .scanCode(let id): return "scan \(id)"
        case .morePanel: return "more"
        case .language(let l): return "language \(l.rawValue)"
        }
    }

    /// A button by the name scripts and logs use: `start`, `digit 3`, `plan ID`, `pay-cash`...
    public static func button(_ text: String) -> ButtonID? {
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        let arg = parts.count > 1 ? parts[1] : nil
        switch (parts.first ?? "", arg) {
        case ("start", nil): return .start
        case ("confirm", nil), ("ok", nil): return .confirm
        case ("back", nil): return .back
        case ("cancel", nil): return .cancel
        case ("finish", nil): return .finish
        case ("delete", nil): return .deleteDigit
        case ("clear", nil): return .clearNumber
        case ("pay-cash", nil): return .payByCash
        case ("pay-card", nil): return .payByCard
        case ("pay-wallet", nil): return .payByWallet
        case ("pay-register", nil): return .payAtRegister
        case ("void-slip", nil): return .voidSlip
        case ("use-this-machine", nil): return .useThisMachine
        case ("staff", nil): return .staffEntry
        case ("staff-member", let name?): return .staffMember(name)
        case ("staff-task", let id?): return StaffTask(rawValue: id).map { .staffAction($0.rawValue) }
        case ("digit", let d?): return Int(d).flatMap { (0...9).contains($0) ? .digit($0) : nil }
        case ("plan", let id?): return .plan(id)
        case ("chain", let id?): return .chain(id)
        case ("store", let id?): return .store(id)
        case ("terminal", let id?): return .terminal(id)
        case ("cash", let d?): return Int(d).map { .insertCash($0) }
        case ("card", let id?): return .presentCard(id)
        case ("scan", let id?): return .scanCode(id)
        case ("more", nil): return .morePanel
        case ("language", let l?): return Language(rawValue: l).map { .language($0) }
        default: return nil
        }
    }
}

extension Screen {
    /// The screen's name in scripts and logs.
    public var name: String {
        switch self {
        case .findMachine: return "find-machine"
        case .attract: return "attract"
        case .enterNumber: return "enter-number"
        case .lookingUp: return "looking-up"
        case .accountFound: return "account-found"
        case .choosePlan: return "choose-plan"
        case .choosePayment: return "choose-payment"
        case .payingCash: return "paying-cash"
        case .payingCard: return "paying-card"
        case .enteringPIN: return "entering-pin"
        case .payingWallet: return "paying-wallet"
        case .slipIssued: return "slip-issued"
        case .registerScan: return "register-scan"
        case .confirmInApp: return "confirm-in-app"
        case .processing: return "processing"
        case .done: return "done"
        case .refund: return "refund"
        case .cancelled: return "cancelled"
        case .outOfService: return "out-of-service"
        case .staffPIN: return "staff-pin"
        case .staffMenu: return "staff-menu"
        }
    }
}

extension KioskState {
    /// One line saying what the machine shows, in English, for headless runs.
    public var summary: String {
        var s = screen.name
        switch screen {
        case .enterNumber(let digits): s += " \"\(SIMNumber.formatted(digits))\""
        case .accountFound, .choosePlan:
            if let o = order { s += " \(o.sim) \(catalogue.carrier(o.account.carrierId)?.name.en ?? "") expires \(o.account.expiry)" }
        case .choosePayment, .payingCash, .payingCard, .payingWallet:
            if let o = order, let p = o.plan { s += " \(p.name.en) \(p.price), paid \(o.paid), due \(o.stillDue)" }
        case .done(let c):
            s += " receipt \(c.receiptNo.map(String.init) ?? "-") \(c.txnId), new expiry \(c.newExpiry), change \(c.change)"
            if c.changeDue > .zero { s += ", change owed \(c.changeDue)" }
            if !c.receiptFiles.isEmpty { s += ", printed \(c.receiptFiles.joined(separator: " "))" }
            if let problem = c.printProblem { s += ", not printed: \(problem)" }
        case .refund(let r):
            s += " \(r.txnId): returned \(r.returned), due \(r.due) (\(r.why.sentence))"
            if !r.slipFiles.isEmpty { s += ", slip \(r.slipFiles.joined(separator: " "))" }
            if let problem = r.printProblem { s += ", not printed: \(problem)" }
        case .slipIssued(let t):
            s += " \(t.slipNo) \(t.amount), pay at the register by \(JapanTime.clock(t.expiresAt)) JST"
            if !t.files.isEmpty { s += ", printed \(t.files.joined(separator: " "))" }
            if let problem = t.printProblem { s += ", not printed: \(problem)" }
        case .enteringPIN(let pad): s += " \(pad.pin)"
        case .confirmInApp(let until): s += " for \(max(0, Int(until.timeIntervalSince(now).rounded(.up)))) s more"
        case .cancelled(let y): s += " returned \(y)"
        case .staffMenu(let desk): s += " \(desk.name)" + (desk.message.map { ": \($0)" } ?? "")
        case .outOfService(let why, let held):
            s += " \(why)"
            if held > .zero { s += " \(held) held on an open transaction" }
        default: break
        }
        if let n = notice { s += " — \(n.description)" }
        return s
    }
}

extension KioskState {
    /// Why the ledger could not be written (or opened), when that took the machine out of
    /// service; nil otherwise. A terminal out of service by its fixtures has no such reason.
    public var unrecorded: String? {
        guard case .outOfService(let reason, _) = screen, !reason.isEmpty else { return nil }
        return reason
    }
}
