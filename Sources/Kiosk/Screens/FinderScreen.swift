import Receipt

/// Step 1: choose the chain and the store, see where the machine stands on the floor plan
/// and whether it is in service, then use it.
extension Canvas {
    mutating func finder(chain chainId: String?, store storeId: String?, terminal terminalId: String?) {
        heading(say(.findTheMachine))
        let catalogue = state.catalogue
        let left = 1, columnWidth = min(34, max(26, (width - 40) / 2))
        var y = bodyTop
        if let chainId, let chain = catalogue.chain(chainId) {
            // The chain chosen: its stores; Back returns to the chains.
            frame.put("\(say(.store)) · \(chain.name[language])", x: left + 1, y: y, style: .dim, limit: columnWidth)
            y += 1
            let letters = Array("abcdefgh")
            for (i, store) in catalogue.stores(in: chainId).enumerated() where i < letters.count && y + 3 <= noticeRow {
                frame.button(.store(store.id), store.name[language], key: .char(letters[i]),
                             in: Rect(x: left, y: y, width: columnWidth, height: 3),
                             style: store.id == storeId ? .primary : .button)
                y += 3
            }
            if let storeId, let store = catalogue.store(storeId) {
                storeDetail(store, terminalId: terminalId, x: left + columnWidth + 2)
            }
            backAndCancel(cancel: false)
        } else {
            frame.put(say(.chain), x: left + 1, y: y, style: .dim)
            y += 1
            for (i, chain) in catalogue.chains.enumerated() where i < 9 && y + 3 <= noticeRow {
                frame.button(.chain(chain.id), chain.name[language], key: .char(Character(String(i + 1))),
                             in: Rect(x: left, y: y, width: columnWidth, height: 3))
                y += 3
            }
        }
        notice()
    }

    private mutating func storeDetail(_ store: Store, terminalId: String?, x: Int) {
        let width = self.width - x - 1
        var y = bodyTop
        frame.put(Layout.fitted(store.name[language], width: width), x: x, y: y, style: Style.plain.with(bold: true), limit: width)
        frame.put(Layout.fitted(store.address[language], width: width), x: x, y: y + 1, limit: width)
        y += 2
        let keys = Array("mno")
        for (i, terminal) in state.catalogue.terminals(of: store.id).enumerated() where i < keys.count {
            frame.button(.terminal(terminal.id), terminal.id, key: .char(keys[i]),
                         in: Rect(x: x + i * 16, y: y, width: 15, height: 3),
                         style: terminal.id == terminalId ? .primary : .button)
        }
        y += 3
        guard let terminalId, let terminal = state.catalogue.terminal(terminalId) else { return }
        frame.put("\(say(.whereItStands)): \(terminal.location[language])", x: x, y: y, limit: width)
        y += 1
        for line in terminal.floorPlan.prefix(max(0, noticeRow - y - 3)) {
            var column = x
            for ch in line {
                column = frame.put(String(ch), x: column, y: y, style: ch == "K" ? .danger : .dim, limit: x + width - column)
            }
            y += 1
        }
        frame.put(say(.machineMarked), x: x, y: y, style: .dim, limit: width)
        y += 1
        let status = state.statuses[terminalId]
        let inService = terminal.inService && status?.inService != false
        var facts = [inService ? say(.inService) : say(.outOfService)]
        if let status {
            facts.append(status.hasPaper ? say(.paperOK) : say(.noPaper))
            if status.isChangeLow && terminal.payments.contains(.cash) { facts.append(say(.changeLow)) }
        }
        // How it is paid on a line of its own: a Japanese list does not break between its words.
        let lines = Layout.wrap(facts.joined(separator: " · "), width: width) + Layout.wrap(ways(of: terminal), width: width)
        for (i, line) in lines.prefix(2).enumerated() {
            frame.put(line, x: x, y: y + i, style: inService ? .good : .notice, limit: width)
        }
        if inService { primary(.useThisMachine, say(.useThisMachine)) }
    }

    /// Every way the machine is paid, as one phrase: "Cash, card, phone wallet, pay at the
    /// register"; a machine that takes no money says only where it is paid.
    private func ways(of terminal: Terminal) -> String {
        var ways: [Say] = PaymentMethod.allCases.filter { terminal.payments.contains($0) }.map {
            switch $0 {
            case .cash: return .cash
            case .card: return .card
            case .wallet: return .wallet
            }
        }
        if terminal.paysAtRegister { ways.append(.paidAtTheRegister) }
        let words = ways.enumerated().map { i, way in
            // In English only the phrase's first word is capitalised.
            language == .en && i > 0 ? say(way).lowercased() : say(way)
        }
        return words.joined(separator: language == .en ? ", " : language == .ja ? "・" : "、")
    }
}
