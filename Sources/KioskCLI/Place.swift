import Kiosk

/// The machine named by `--store` and `--terminal`, checked against the fixtures.
struct Place {
    let store: String
    /// Nil for a store alone: the finder opens on that store, to choose its machine.
    let terminal: String?

    /// Nil when neither is given (the store finder opens). A terminal alone names its store.
    static func resolve(store: String?, terminal: String?, in catalogue: Catalogue) throws -> Place? {
        guard store != nil || terminal != nil else { return nil }
        if let store, catalogue.store(store) == nil {
            throw Failure("Unknown store \"\(store)\"; the stores are \(catalogue.stores.map(\.id).joined(separator: ", ")).")
        }
        guard let terminal else { return Place(store: store!, terminal: nil) }
        guard let t = catalogue.terminal(terminal) else {
            let ids = (store.map { catalogue.terminals(of: $0) } ?? catalogue.terminals).map(\.id).joined(separator: ", ")
            throw Failure("Unknown terminal \"\(terminal)\"; the terminals are \(ids).")
        }
        if let store, t.storeId != store {
            let ids = catalogue.terminals(of: store).map(\.id).joined(separator: ", ")
            throw Failure("Terminal \(terminal) is not in \(store); its terminals are \(ids).")
        }
        guard t.inService else { throw Failure("Terminal \(terminal) is out of service; see `kiosk stores`.") }
        return Place(store: t.storeId, terminal: t.id)
    }
}
