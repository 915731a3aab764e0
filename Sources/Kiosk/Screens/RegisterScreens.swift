import Receipt

/// The clerk's register: the slip's number as typed or scanned, then (on the payment screen)
/// the slip's plan and amount with the machine's ways to pay and a button to void it.
extension Canvas {
    mutating func registerScan(_ typed: String) {
        heading(say(.scanSlip))
        frame.fill(Rect(x: 3, y: bodyTop + 1, width: 40, height: 1), style: Style(reverse: true))
        frame.put(" " + typed + "_", x: 3, y: bodyTop + 1, style: Style(bold: true, reverse: true), limit: 40)
        frame.put(say(.scanSlipHint), x: 3, y: bodyTop + 3, style: .dim, limit: width - 6)
        primary(.confirm, say(.ok))
        notice()
    }

    /// The slip's number and the button that voids it, on the register's payment screen.
    mutating func registerSlip(_ slipNo: String) {
        field(say(.slipNumber), slipNo, y: bodyTop + 2)
        frame.button(.voidSlip, say(.voidSlip), key: .char("v"), in: Rect(x: 21, y: height - 4, width: 20, height: 3), style: .button)
    }
}
