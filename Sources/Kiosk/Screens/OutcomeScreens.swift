import Receipt

/// Step 5 and what can go wrong: the receipt, a refund, a cancel, a machine out of service.
/// Each says what happened to the money.
extension Canvas {
    mutating func done(_ c: Completion) {
        heading(say(.done))
        var y = bodyTop + 1
        field(say(.newExpiry), c.newExpiry, y: y, style: .good); y += 2
        if let no = c.receiptNo { field(say(.receiptFile), String(format: "%06d  %@", no, c.txnId), y: y); y += 1 }
        if let file = c.receiptFiles.first {
            for line in Layout.wrap(file, width: width - 26).prefix(3) {
                frame.put(line, x: 24, y: y, style: .dim); y += 1
            }
        }
        if c.printProblem != nil {
            frame.put(say(.receiptNotPrinted), x: 3, y: y, style: .notice, limit: width - 6); y += 1
        }
        y += 1
        if c.change > .zero {
            field(say(.changeToCome), c.change.description, y: y, style: Style.plain.with(bold: true))
            frame.put(say(.takeChange), x: 36, y: y, style: .notice, limit: width - 38); y += 2
        }
        if c.changeDue > .zero {
            field(say(.stillToPay), c.changeDue.description, y: y, style: .notice)
            frame.put(say(.changeOwed), x: 3, y: y + 1, style: .notice, limit: width - 6)
        }
        primary(.finish, say(.finish), offset: 0)
        notice()
    }

    mutating func refund(_ r: RefundOutcome) {
        heading(say(.refundTitle))
        var y = bodyTop + 1
        frame.put(say(r.why.say), x: 3, y: y, style: .dim, limit: width - 6); y += 1
        if r.due > .zero { frame.put(say(.cashStuck), x: 3, y: y, style: .dim, limit: width - 6) }
        y += 1
        if r.returned > .zero || r.due == .zero {
            field(say(.returned), r.returned.description, y: y, style: .good); y += 2
        }
        if r.due > .zero {
            field(say(.owed), r.due.description, y: y, valueX: width - 16, style: .notice); y += 2
        }
        if r.returned == .zero && r.due == .zero { frame.put(say(.noCharge), x: 3, y: y, style: .good); y += 2 }
        if let slip = r.slipFiles.first { field(say(.slip), slip, y: y); y += 1 }
        if r.printProblem != nil { frame.put(say(.receiptNotPrinted), x: 3, y: y, style: .notice, limit: width - 6) }
        primary(.finish, say(.finish), offset: 0)
        notice()
    }

    /// The slip is printed: where to take it, what to pay, and by when.
    mutating func slipIssued(_ t: SlipTicket) {
        heading(say(.takeSlip))
        var y = bodyTop + 1
        field(say(.slipNumber), t.slipNo, y: y, style: Style.plain.with(bold: true)); y += 2
        field(say(.amountDue), t.amount.description, y: y, style: Style.plain.with(bold: true)); y += 2
        field(say(.payBy), JapanTime.clock(t.expiresAt) + " JST", y: y, style: .notice); y += 2
        frame.put(say(.notToppedUpYet), x: 3, y: y, style: .dim, limit: width - 6); y += 1
        if let file = t.files.first { frame.put(file, x: 3, y: y, style: .dim, limit: width - 6); y += 1 }
        if t.printProblem != nil { frame.put(say(.slipNotPrinted), x: 3, y: y, style: .notice, limit: width - 6) }
        primary(.finish, say(.finish), offset: 0)
        notice()
    }

    mutating func cancelled(_ returned: Yen) {
        heading(say(.cancelledTitle))
        if returned > .zero {
            field(say(.returned), returned.description, y: bodyTop + 1, style: .good)
            frame.put(say(.takeCash), x: 3, y: bodyTop + 3, style: .notice)
        } else {
            frame.put(say(.noCharge), x: 3, y: bodyTop + 1, style: .good)
        }
        primary(.finish, say(.finish), offset: 0)
        notice()
    }

    mutating func outOfService(_ reason: String, held: Yen) {
        frame.center(say(.outOfServiceTitle), y: bodyTop + 2, style: .notice)
        frame.center(say(.useAnother), y: bodyTop + 4)
        var y = bodyTop + 6
        if held > .zero {
            frame.center(say(.moneyRecorded).replacingOccurrences(of: "%@", with: held.description), y: y, style: .notice)
            y += 2
        }
        // The ledger's own words, for the member of staff who comes to look.
        guard !reason.isEmpty else { return }
        for (i, line) in Layout.wrap(say(.forStaff) + ": " + reason, width: width - 8).prefix(3).enumerated() {
            frame.center(line, y: y + i, style: .dim)
        }
    }

    /// The member's name first (a button each, beside the keypad), then their PIN as dots.
    mutating func staffPIN(_ signIn: StaffSignIn) {
        heading(signIn.member.map { "\(say(.enterPIN)): \($0)" } ?? say(.chooseStaffName))
        frame.fill(Rect(x: 3, y: bodyTop + 1, width: 20, height: 1), style: Style(reverse: true))
        frame.put(" " + String(repeating: "•", count: signIn.digits.count) + "_", x: 3, y: bodyTop + 1, style: Style(bold: true, reverse: true))
        keypad(x: 3, y: bodyTop + 3)
        // Two columns of four beside the keypad; the letters skip C (clear) and X (cancel).
        for (i, (name, key)) in zip(signIn.members, "abdefghi").enumerated() {
            let rect = Rect(x: 44 + (i % 2) * 18, y: bodyTop + 3 + (i / 2) * 3, width: 17, height: 3)
            frame.button(.staffMember(name), name, key: .char(key), in: rect, style: name == signIn.member ? .primary : .button)
        }
        primary(.confirm, say(.ok))
        backAndCancel(cancel: false)
        notice()
    }
}
