import Receipt

/// Staff mode's desk: the devices at a glance (cash per denomination against its low and
/// full marks, paper, printer, carrier host) and a button for each task. Staff screens are
/// in English and Japanese words side by side, as store manuals are.
extension Canvas {
    static let staffTasks: [(StaffTask, String, String, Character)] = [
        (.refill, "Refill to float", "釣銭補充", "r"), (.collectBills, "Collect bills", "紙幣回収", "c"),
        (.reprintLast, "Reprint receipt", "レシート再発行", "p"), (.settleRefunds, "Pay refunds due", "未返金の支払い", "s"),
        (.xReport, "X report", "点検レポート", "x"), (.zReport, "Z report (close)", "精算レポート", "z"),
        (.loadPaper, "Load paper", "用紙補充", "l"),
    ]

    mutating func staffMenu(_ desk: StaffDesk) {
        heading("\(say(.staff)): \(desk.name)")
        guard let m = state.machine else { return }
        var y = bodyTop
        frame.put("Cash / 現金", x: 3, y: y, style: .dim)
        y += 1
        for d in CashUnit.denominations {
            let count = m.status.inventory[d] ?? 0
            let line = Layout.aligned(Yen(d).description, .right, width: 8) + Layout.aligned(String(count), .right, width: 6)
                + " / \(CashUnit.capacity(of: d))"
            frame.put(line, x: 3, y: y)
            frame.put(CashUnit.mark(count, of: d), x: 27, y: y, style: .notice)
            y += 1
        }
        frame.put(Layout.aligned("Total", .right, width: 8) + " " + m.status.inventory.total.description, x: 3, y: y, style: Style.plain.with(bold: true))
        y += 2
        frame.put("Paper / 用紙  \(m.status.paperSheets) sheets", x: 3, y: y, style: m.status.hasPaper ? .plain : .notice)
        frame.put("Printer / プリンタ  " + (m.status.hasPaper ? "ready" : "out of paper"), x: 3, y: y + 1,
                  style: m.status.hasPaper ? .plain : .notice)
        frame.put("Host / センター  answering", x: 3, y: y + 2)
        let x = 36, buttonWidth = (width - x - 2) / 2
        for (i, task) in Self.staffTasks.enumerated() {
            frame.button(.staffAction(task.0.rawValue), task.1, key: .char(task.3),
                         // From the blank row under the heading: four rows of buttons above the message.
                         in: Rect(x: x + (i % 2) * (buttonWidth + 1), y: bodyTop - 1 + (i / 2) * 4, width: buttonWidth, height: 4),
                         detail: task.2)
        }
        if let message = desk.message {
            for (i, line) in Layout.wrap(message, width: width - 4).prefix(2).enumerated() {
                frame.put(line, x: 2, y: noticeRow - 1 + i, style: .good)
            }
        }
        backAndCancel(cancel: false)
    }
}
