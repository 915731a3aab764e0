/// The coin and bill mechanism: pushes pieces back, pays change and returns cash to the tray.
public protocol CashDevice: AnyObject {
    /// Pushes a piece straight back; it was never kept.
    func reject(_ denomination: Int)
    /// Pays out change; false when the mechanism jams and nothing comes out.
    func dispense(_ pieces: CashPieces) -> Bool
    /// Gives the customer's cash back; false when the mechanism jams.
    func giveBack(_ pieces: CashPieces) -> Bool
}

/// The simulated mechanism: everything it pays out lands in the tray, where a test or the
/// screen can see what the customer took home.
public final class SimulatedCashDevice: CashDevice {
    private let faults: Faults
    private var random: SeededRandom
    public private(set) var tray: CashPieces = [:]

    public init(faults: Faults = .none, seed: UInt64 = 1) {
        self.faults = faults
        random = SeededRandom(seed: seed ^ 0xCA5E)
    }

    public func reject(_ denomination: Int) { tray.add([denomination: 1]) }

    public func dispense(_ pieces: CashPieces) -> Bool { payOut(pieces) }

    public func giveBack(_ pieces: CashPieces) -> Bool { payOut(pieces) }

    private func payOut(_ pieces: CashPieces) -> Bool {
        if random.chance(faults.jam) { return false }
        tray.add(pieces)
        return true
    }

    /// The customer takes what is in the tray.
    public func emptyTray() -> CashPieces {
        defer { tray = [:] }
        return tray
    }
}
