/// A phone wallet the scanner knows: by the first two digits and the length of the payment
/// codes its app shows (fixtures/wallets.csv).
public struct WalletBrand: Hashable, Sendable {
    public var name: String
    /// Two-digit prefixes, e.g. 25…30 for Alipay.
    public var prefixes: ClosedRange<Int>
    public var lengths: ClosedRange<Int>

    public init(name: String, prefixes: ClosedRange<Int>, lengths: ClosedRange<Int>) {
        self.name = name
        self.prefixes = prefixes
        self.lengths = lengths
    }

    public func matches(_ code: String) -> Bool {
        guard code.allSatisfy({ $0.isASCII && $0.isNumber }), lengths.contains(code.count),
              let prefix = Int(code.prefix(2)) else { return false }
        return prefixes.contains(prefix)
    }
}

/// What the simulated wallet acquirer answers for a documented test code.
public enum WalletOutcome: String, CaseIterable, Sendable {
    case paid
    case declinedBalance = "declined_balance"
    case declinedRisk = "declined_risk"
    /// In progress until the customer confirms in the app; paid when the machine asks again.
    case pendingThenPaid = "pending_then_paid"
    /// In progress, and never confirmed.
    case pendingNever = "pending_never"
    /// No answer; asked again by transaction id, it was paid.
    case timeout
}

/// A documented test payment code (fixtures/test_wallets.csv).
public struct TestWallet: Hashable, Sendable {
    public var id: String
    public var code: String
    public var outcome: WalletOutcome
    public var label: String
}

extension Catalogue {
    /// The wallet a payment code belongs to, if any.
    public func walletBrand(of code: String) -> WalletBrand? {
        wallets.first { $0.matches(code) }
    }

    public func testWallet(_ id: String) -> TestWallet? { testWallets.first { $0.id == id } }
}
