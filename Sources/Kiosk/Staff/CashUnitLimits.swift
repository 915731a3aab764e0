import Ledger

extension CashUnit {
    /// The unit's denominations and capacities, as the ledger checks staff cash handling.
    public static var limits: CashUnitLimits {
        CashUnitLimits(capacities: Dictionary(uniqueKeysWithValues: denominations.map { ($0, capacity(of: $0)) }))
    }
}
