import Foundation
import Receipt

/// Step 4: paying. The simulator has no hardware, so a panel of the simulated devices sits
/// beside the amounts: a button for each coin and bill, and one to present each test card.
extension Canvas {
    static let cashKeys: [Int: Character] = [10: "q", 50: "w", 100: "e", 500: "r", 1000: "t", 5000: "y", 10000: "u"]

    mutating func payingCash() {
        heading(say(.insertCash))
        guard let order = state.order else { return }
        let change = order.paid > order.amount ? order.paid - order.amount : .zero
        var y = bodyTop + 1
        field(say(.amountDue), order.amount.description, y: y, style: Style.plain.with(bold: true)); y += 2
        field(say(.inserted), order.paid.description, y: y, style: .good); y += 2
        field(say(.stillToPay), order.stillDue.description, y: y, style: order.stillDue > .zero ? .notice : .plain); y += 2
        field(say(.changeToCome), change.description, y: y)
        devicePanel(say(.devices), CashUnit.denominations.map {
            (.insertCash($0), Yen($0).description)
        }, keys: CashUnit.denominations.map { Self.cashKeys[$0]! })
        backAndCancel()
        notice()
    }

    mutating func payingCard() {
        heading(say(.presentYourCard))
        guard let order = state.order else { return }
        field(say(.amountDue), order.amount.description, y: bodyTop + 1, style: Style.plain.with(bold: true))
        devicePanel("\(say(.devices)): \(say(.presentCard))", state.catalogue.testCards.map { card in
            (.presentCard(card.id), "\(card.id) ·\(card.pan.suffix(4))")
        })
        backAndCancel()
        notice()
    }

    /// A card that asks for its PIN: the keypad, and a dot for each digit, never the digit.
    mutating func enteringPIN(_ pad: PINPad) {
        heading(say(.cardPIN))
        guard let order = state.order else { return }
        field(say(.amountDue), order.amount.description, y: bodyTop, style: Style.plain.with(bold: true))
        frame.fill(Rect(x: 3, y: bodyTop + 1, width: 20, height: 1), style: Style(reverse: true))
        frame.put(" " + pad.pin.description + "_", x: 3, y: bodyTop + 1, style: Style(bold: true, reverse: true), limit: 20)
        frame.put(say(.pinHint), x: 25, y: bodyTop + 1, style: .dim, limit: width - 27)
        keypad(x: 3, y: bodyTop + 3)
        primary(.confirm, say(.ok))
        backAndCancel()
        notice()
    }

    mutating func payingWallet() {
        heading(say(.showCode))
        guard let order = state.order else { return }
        field(say(.amountDue), order.amount.description, y: bodyTop + 1, style: Style.plain.with(bold: true))
        devicePanel("\(say(.devices)): \(say(.scanCode))", state.catalogue.testWallets.map { wallet in
            (.scanCode(wallet.id), wallet.id)
        })
        backAndCancel()
        notice()
    }

    /// The wallet waits for the customer to confirm in the app, with the seconds left.
    mutating func confirmInApp(until: Date) {
        heading(say(.confirmInApp))
        guard let order = state.order else { return }
        field(say(.amountDue), order.amount.description, y: bodyTop + 1, style: Style.plain.with(bold: true))
        if let brand = order.wallet?.brand { field(say(.wallet), brand, y: bodyTop + 2) }
        for (i, line) in Layout.wrap(say(.confirmHint), width: width - 6).prefix(2).enumerated() {
            frame.put(line, x: 3, y: bodyTop + 4 + i)
        }
        let left = max(0, Int(until.timeIntervalSince(state.now).rounded(.up)))
        frame.center(String(format: say(.secondsLeft), left), y: bodyTop + 8, style: Style.notice.with(bold: true))
        backAndCancel(back: false)
        notice()
    }

    /// The simulated devices on the right half: two buttons a row, as many as fit above the
    /// notice; when they do not all fit, the last place turns the page (`M`).
    private mutating func devicePanel(_ caption: String, _ buttons: [(ButtonID, String)],
                                      keys: [Character] = Array("1234567890abdefghijk")) {
        let panelX = width / 2 + 2, panelWidth = width - panelX - 1
        frame.put(caption, x: panelX, y: bodyTop - 1, style: .dim, limit: panelWidth)
        let buttonWidth = (panelWidth - 1) / 2
        let places = min(keys.count, max(2, (noticeRow - bodyTop) / 3 * 2))
        let paged = buttons.count > places
        let perPage = paged ? places - 1 : places
        let first = paged ? (state.panelPage % ((buttons.count + perPage - 1) / perPage)) * perPage : 0
        var shown = Array(buttons[first..<min(buttons.count, first + perPage)]).enumerated().map { i, b in (b.0, b.1, KeyCap.char(keys[i])) }
        if paged { shown.append((.morePanel, say(.more) + " ▸", .char("m"))) }
        for (i, button) in shown.enumerated() {
            frame.button(button.0, button.1, key: button.2,
                         in: Rect(x: panelX + (i % 2) * (buttonWidth + 1), y: bodyTop + (i / 2) * 3, width: buttonWidth, height: 3),
                         style: .device)
        }
    }
}
