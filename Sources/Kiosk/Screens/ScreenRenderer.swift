import Foundation
import Receipt

/// Draws the state as a frame: the same state and size always give the same frame. The
/// title bar, the heading, the screen's own body, the notice, and the buttons that go back
/// or cancel; below 80×24 a message asking for a larger window instead.
public enum ScreenRenderer {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public static func frame(for state: KioskState, width: Int, height: Int) -> Frame {
        var frame = Frame(width: width, height: height)
        let say = { (word: Say) in word.in(state.language) }
        guard width >= minimumWidth, height >= minimumHeight else {
            let lines = Layout.wrap(say(.enlarge), width: max(1, width - 2)) + ["\(width)×\(height)"]
            for (i, line) in lines.enumerated() {
                frame.center(line, y: max(0, height / 2 - 1) + i, style: i < lines.count - 1 ? .notice : .plain)
            }
            return frame
        }
        var canvas = Canvas(frame: frame, state: state)
        canvas.titleBar()
        switch state.screen {
        case .findMachine(let chain, let store, let terminal): canvas.finder(chain: chain, store: store, terminal: terminal)
        case .attract: canvas.attract()
        case .enterNumber(let digits): canvas.enterNumber(digits)
        case .lookingUp: canvas.waiting(say(.lookingUp))
        case .accountFound: canvas.accountFound()
        case .choosePlan: canvas.choosePlan()
        case .choosePayment: canvas.choosePayment()
        case .payingCash: canvas.payingCash()
        case .payingCard: canvas.payingCard()
        case .enteringPIN(let pad): canvas.enteringPIN(pad)
        case .payingWallet: canvas.payingWallet()
        case .confirmInApp(let until): canvas.confirmInApp(until: until)
        case .slipIssued(let ticket): canvas.slipIssued(ticket)
        case .registerScan(let typed): canvas.registerScan(typed)
        case .processing(let what): canvas.waiting(what.words.in(state.language))
        case .done(let completion): canvas.done(completion)
        case .refund(let outcome): canvas.refund(outcome)
        case .cancelled(let returned): canvas.cancelled(returned)
        case .outOfService(let reason, let held): canvas.outOfService(reason, held: held)
        case .staffPIN(let signIn): canvas.staffPIN(signIn)
        case .staffMenu(let desk): canvas.staffMenu(desk)
        }
        canvas.statusLine()
        return canvas.frame
    }
}

extension Processing {
    var words: Say {
        switch self {
        case .authorisingCard: return .authorising
        case .payingByWallet: return .payingByWallet
        case .refundingWallet: return .refundingWallet
        case .toppingUp: return .toppingUp
        case .dispensingChange: return .dispensing
        case .returningCash: return .returning
        case .voidingCard: return .voiding
        case .printing: return .printing
        }
    }
}
