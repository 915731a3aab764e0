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
            (.insertCash($0), Yen($0).description, .char(Self.cashKeys[$0]!))
        })
        backAndCancel()
        notice()
    }

    mutating func payingCard() {
        heading(say(.presentYourCard))
        guard let order = state.order else { return }
        field(say(.amountDue), order.amount.description, y: bodyTop + 1, style: Style.plain.with(bold: true))
        let keys = Array("1234567890")
        devicePanel("\(say(.devices)): \(say(.presentCard))", zip(state.catalogue.testCards, keys).map { card, key in
            (.presentCard(card.id), "\(card.id) ·\(card.pan.suffix(4))", .char(key))
        })
        backAndCancel()
        notice()
    }

    /// The simulated devices on the right half: two buttons a row, as many as fit above the notice.
    private mutating func devicePanel(_ caption: String, _ buttons: [(ButtonID, String, KeyCap)]) {
        let panelX = width / 2 + 2, panelWidth = width - panelX - 1
        frame.put(caption, x: panelX, y: bodyTop - 1, style: .dim, limit: panelWidth)
        let buttonWidth = (panelWidth - 1) / 2
        for (i, button) in buttons.enumerated() where bodyTop + (i / 2 + 1) * 3 <= noticeRow {
            frame.button(button.0, button.1, key: button.2,
                         in: Rect(x: panelX + (i % 2) * (buttonWidth + 1), y: bodyTop + (i / 2) * 3, width: buttonWidth, height: 3),
                         style: .device)
        }
    }
}
