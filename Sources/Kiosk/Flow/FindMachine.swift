/// Step 1: find the machine — chain, store, then the terminal, its place on the floor plan
/// and whether it is in service.
extension KioskState {
    mutating func findMachine(_ event: Event, chain: String?, store: String?, terminal: String?) -> [Effect] {
        if case .tap = event { notice = nil }
        switch event {
        case .tap(.chain(let id)) where catalogue.chain(id) != nil:
            screen = .findMachine(chainId: id, storeId: nil, terminalId: nil)
        case .tap(.store(let id)):
            guard let s = catalogue.store(id) else { return [] }
            let first = catalogue.terminals(of: id).first?.id
            screen = .findMachine(chainId: s.chainId, storeId: id, terminalId: first)
        case .tap(.terminal(let id)):
            guard let t = catalogue.terminal(id), let s = catalogue.store(t.storeId) else { return [] }
            screen = .findMachine(chainId: s.chainId, storeId: s.id, terminalId: id)
        case .tap(.useThisMachine):
            guard let store, let terminal, let t = catalogue.device(terminal), t.inService else { return [] }
            return [.openMachine(storeId: store, terminalId: terminal)]
        case .tap(.language(let l)):
            language = l
            homeLanguage = l
        case .tap(.back), .key(.escape):
            if store != nil { screen = .findMachine(chainId: chain, storeId: nil, terminalId: nil) }
            else { screen = .findMachine(chainId: nil, storeId: nil, terminalId: nil) }
        default:
            return rejectStray(event)
        }
        return []
    }

    /// Chooses the machine directly (`--store` and `--terminal`).
    public mutating func useMachine(storeId: String, terminalId: String) -> [Effect] {
        screen = .findMachine(chainId: catalogue.store(storeId)?.chainId, storeId: storeId, terminalId: terminalId)
        return apply(.tap(.useThisMachine))
    }

    mutating func machineReady(_ status: MachineStatus) -> [Effect] {
        guard case .findMachine(_, let storeId?, let terminalId?) = screen,
              let store = catalogue.store(storeId), let terminal = catalogue.device(terminalId) else { return [] }
        machine = Machine(store: store, terminal: terminal, status: status)
        statuses[terminalId] = status
        lastActivity = now
        return backToAttract()
    }
}
