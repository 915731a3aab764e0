import Receipt

/// Steps 2 and 3: the welcome, the SIM number, the account, the plan and the way to pay.
extension Canvas {
    mutating func attract() {
        guard let m = state.machine else { return }
        frame.center(say(.topUpYourSIM), y: bodyTop + 1, style: Style.plain.with(bold: true))
        frame.center(m.store.name[language], y: bodyTop + 3)
        frame.center("\(m.terminal.id) · \(m.terminal.location[language])", y: bodyTop + 4, style: .dim)
        frame.button(.start, say(.start), key: .enter, in: Rect(x: width / 2 - 15, y: bodyTop + 6, width: 30, height: 5),
                     style: .primary, detail: say(.touchToStart))
        frame.put(say(.chooseLanguage), x: 2, y: footerTop - 1, style: .dim)
        let keys: [Language: Character] = [.en: "e", .ja: "j", .zhHans: "s", .zhHant: "t"]
        let span = (width - 2) / Language.allCases.count
        for (i, l) in Language.allCases.enumerated() {
            frame.button(.language(l), l.nativeName, key: .char(keys[l]!), in: Rect(x: 1 + i * span, y: footerTop, width: span - 1, height: 3),
                         style: l == language ? .primary : .button)
        }
        notice()
    }

    mutating func enterNumber(_ digits: String) {
        heading(say(.enterNumber))
        frame.put(say(.numberHint), x: 3, y: bodyTop, style: .dim, limit: width - 6)
        let shown = digits.isEmpty ? "_" : SIMNumber.formatted(digits) + "_"
        frame.fill(Rect(x: 3, y: bodyTop + 1, width: 32, height: 1), style: Style(reverse: true))
        frame.put(" " + shown, x: 3, y: bodyTop + 1, style: Style(bold: true, reverse: true), limit: 32)
        keypad(x: 3, y: bodyTop + 3)
        primary(.confirm, say(.ok))
        backAndCancel()
        notice()
    }

    /// A 3×4 keypad of touch buttons: 1–9, delete, 0, clear.
    mutating func keypad(x: Int, y: Int) {
        let keys: [(ButtonID, String, KeyCap)] = (1...9).map { (.digit($0), String($0), .char(Character(String($0)))) }
            + [(.deleteDigit, say(.delete), .backspace), (.digit(0), "0", .char("0")), (.clearNumber, say(.clear), .char("c"))]
        for (i, key) in keys.enumerated() {
            frame.button(key.0, key.1, key: key.2, in: Rect(x: x + (i % 3) * 13, y: y + (i / 3) * 3, width: 12, height: 3))
        }
    }

    mutating func accountFound() {
        heading(say(.yourSIM))
        guard let order = state.order else { return }
        var y = bodyTop + 1
        field(say(.simNumber), order.sim.description, y: y, style: Style.plain.with(bold: true)); y += 2
        field(say(.carrier), state.catalogue.carrier(order.account.carrierId)?.name[language] ?? order.account.carrierId, y: y); y += 2
        field(say(.plan), say(.prepaid), y: y); y += 2
        field(say(.currentExpiry), order.account.expiry, y: y, style: order.account.inGrace ? .notice : .good); y += 1
        if order.account.inGrace { frame.put(say(.inGrace), x: 24, y: y, style: .notice) }
        primary(.confirm, say(.next))
        backAndCancel()
        notice()
    }

    mutating func choosePlan() {
        heading(say(.choosePlan))
        guard let order = state.order else { return }
        let plans = state.plansOffered
        let columns = 2, buttonWidth = (width - 3) / columns
        let rows = max(1, (plans.count + 1) / columns)
        let buttonHeight = max(3, min(5, (noticeRow - bodyTop) / rows))
        for (i, plan) in plans.enumerated() where i < 9 {
            let expiry = SimulatedTopUpHost.newExpiry(from: order.account.expiry, today: state.today, days: plan.days)
            let detail = "\(plan.name[language])\n\(say(.newExpiry)) \(expiry)"
            frame.button(.plan(plan.id), "\(plan.price)  ·  \(plan.detail(in: language))", key: .char(Character(String(i + 1))),
                         in: Rect(x: 1 + (i % columns) * (buttonWidth + 1), y: bodyTop + (i / columns) * buttonHeight,
                                  width: buttonWidth, height: buttonHeight),
                         detail: detail)
        }
        backAndCancel()
        notice()
    }

    mutating func choosePayment() {
        heading(say(.choosePayment))
        guard let order = state.order, let plan = order.plan else { return }
        field(say(.plan), plan.name[language], y: bodyTop)
        field(say(.amount), order.amount.description, y: bodyTop + 1, style: Style.plain.with(bold: true))
        if let slip = order.slip { registerSlip(slip.slipNo) }
        var choices: [(ButtonID, Say)] = state.paymentsOffered.map { method in
            switch method {
            case .cash: return (.payByCash, .cash)
            case .card: return (.payByCard, .card)
            case .wallet: return (.payByWallet, .wallet)
            }
        }
        if state.machine?.terminal.paysAtRegister == true { choices.append((.payAtRegister, .payAtRegister)) }
        let span = (width - 3) / max(1, choices.count)
        for (i, (id, word)) in choices.enumerated() {
            frame.button(id, say(word), key: .char(Character(String(i + 1))),
                         in: Rect(x: 1 + i * (span + 1), y: bodyTop + 3, width: span, height: 5), style: .primary)
        }
        backAndCancel()
        notice()
    }
}
