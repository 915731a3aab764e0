import Foundation

/// Reads the fixtures folder into a `Catalogue`, checking every value and every reference.
/// SIM account expiries may be written relative to today (`+20`, `-3`) so the samples stay current.
public enum FixtureLoader {
    public static func load(from directory: URL, today: String) throws -> Catalogue {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDir), isDir.boolValue else {
            throw FixtureError(file: directory.path, line: 0, field: nil, problem: "is not a fixtures folder")
        }
        let chains = try CSVTable(directory: directory, name: "chains.csv").rows.map { row in
            Chain(id: try row.text("id"), name: try localized(row, "name"))
        }
        let stores = try CSVTable(directory: directory, name: "stores.csv").rows.map { row -> Store in
            let chainId = try row.text("chain_id")
            guard chains.contains(where: { $0.id == chainId }) else { throw row.fail("chain_id", "names \"\(chainId)\", which is not in chains.csv") }
            let reg = try row.text("registration_number")
            guard reg.count == 14, reg.first == "T", reg.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw row.fail("registration_number", "is \"\(reg)\", not T followed by 13 digits")
            }
            return Store(id: try row.text("id"), chainId: chainId, name: try localized(row, "name"),
                         address: try localized(row, "address"), area: try row.text("area"), registrationNumber: reg,
                         arrivalProfile: try row.text("arrival_profile"), opensAt: try row.clockTime("opens_at"))
        }
        let floats = try openingFloats(directory)
        let terminals = try CSVTable(directory: directory, name: "terminals.csv").rows.map { row -> Terminal in
            let id = try row.text("id")
            let storeId = try row.text("store_id")
            guard stores.contains(where: { $0.id == storeId }) else { throw row.fail("store_id", "names \"\(storeId)\", which is not in stores.csv") }
            // `register`: the machine takes no money itself but prints a slip the register takes.
            let listed = try list(row, "payments")
            let payments = try listed.filter { $0 != Terminal.registerPayment }.map { p -> PaymentMethod in
                guard let m = PaymentMethod(rawValue: p) else { throw row.fail("payments", "has \"\(p)\", not cash, card, wallet or register") }
                return m
            }
            let formats = try list(row, "receipt_formats").map { f -> ReceiptFormat in
                guard let r = ReceiptFormat(rawValue: f) else { throw row.fail("receipt_formats", "has \"\(f)\", not text, pdf or escpos") }
                return r
            }
            let plan = try floorPlan(directory, row: row, terminalId: id)
            return Terminal(id: id, storeId: storeId, location: try localized(row, "location"), floorPlan: plan,
                            payments: Set(payments), paysAtRegister: listed.contains(Terminal.registerPayment),
                            inService: try row.oneOf("status", ["in_service", "out_of_service"]) == "in_service",
                            paperSheets: try row.int("paper_sheets", in: 0...10_000),
                            receiptFormats: formats, openingFloat: floats[id]?.counts ?? [:])
        }
        let registers = try CSVTable(directory: directory, name: "registers.csv").rows.map { row -> Terminal in
            let id = try row.text("id")
            let storeId = try row.text("store_id")
            guard stores.contains(where: { $0.id == storeId }) else { throw row.fail("store_id", "names \"\(storeId)\", which is not in stores.csv") }
            if terminals.contains(where: { $0.id == id }) { throw row.fail("id", "is \"\(id)\", which terminals.csv names already") }
            let formats = try list(row, "receipt_formats").map { f -> ReceiptFormat in
                guard let r = ReceiptFormat(rawValue: f) else { throw row.fail("receipt_formats", "has \"\(f)\", not text, pdf or escpos") }
                return r
            }
            return Terminal(id: id, storeId: storeId, location: Terminal.registerLocation, floorPlan: [],
                            payments: [.cash, .card], inService: true,
                            paperSheets: try row.int("paper_sheets", in: 0...10_000),
                            receiptFormats: formats, openingFloat: floats[id]?.counts ?? [:], isRegister: true)
        }
        try checkFloats(floats, terminals: terminals + registers)
        let carriers = try CSVTable(directory: directory, name: "carriers.csv").rows.map { row in
            Carrier(id: try row.text("id"), name: try localized(row, "name"), graceDays: try row.int("grace_days", in: 0...365))
        }
        let plans = try CSVTable(directory: directory, name: "plans.csv").rows.map { row -> Plan in
            let carrierId = try row.text("carrier_id")
            guard carriers.contains(where: { $0.id == carrierId }) else { throw row.fail("carrier_id", "names \"\(carrierId)\", which is not in carriers.csv") }
            return Plan(id: try row.text("id"), carrierId: carrierId, name: try localized(row, "name"),
                        price: Yen(try row.int("price_yen", in: 1...1_000_000)),
                        dataMB: try row.int("data_mb", in: 0...10_000_000), days: try row.int("days", in: 1...3660))
        }
        let accounts = try CSVTable(directory: directory, name: "sim_accounts.csv").rows.map { row -> SIMAccount in
            let number = try row.text("number")
            guard case .success(let sim) = SIMNumber.parse(number) else { throw row.fail("number", "is \"\(number)\", not a valid SIM number") }
            let carrierId = try row.text("carrier_id")
            guard carriers.contains(where: { $0.id == carrierId }) else { throw row.fail("carrier_id", "names \"\(carrierId)\", which is not in carriers.csv") }
            return SIMAccount(number: sim.digits, carrierId: carrierId,
                              planType: PlanType(rawValue: try row.oneOf("plan_type", ["prepaid", "postpaid"]))!,
                              status: AccountStatus(rawValue: try row.oneOf("status", ["active", "suspended"]))!,
                              expiry: try expiry(row, today: today))
        }
        let cards = try CSVTable(directory: directory, name: "test_cards.csv").rows.map { row -> TestCard in
            let pan = try row.text("pan").filter { $0 != " " }
            guard CardBrand.reading(pan) != nil else { throw row.fail("pan", "is not a card number the reader takes (brand, length or Luhn check)") }
            let outcomes = CardOutcome.allCases.map(\.rawValue)
            let pin = row.optional("pin")
            if let pin, !(4...6).contains(pin.count) || !pin.allSatisfy({ $0.isASCII && $0.isNumber }) {
                throw row.fail("pin", "is \"\(pin)\", not 4 to 6 digits")
            }
            return TestCard(id: try row.text("id"), pan: pan, expiry: try row.text("expiry"),
                            outcome: CardOutcome(rawValue: try row.oneOf("outcome", outcomes))!, label: try row.text("label"), pin: pin)
        }
        var catalogue = Catalogue(chains: chains, stores: stores, terminals: terminals, carriers: carriers,
                                  plans: plans, accounts: accounts, testCards: cards)
        catalogue.registers = registers
        catalogue.wallets = try WalletFixtures.brands(in: directory)
        catalogue.testWallets = try WalletFixtures.testCodes(in: directory, brands: catalogue.wallets)
        try checkUnique(catalogue)
        return catalogue
    }

    private static func localized(_ row: CSVTable.Row, _ field: String) throws -> Localized {
        Localized(en: try row.text("\(field)_en"), ja: try row.text("\(field)_ja"),
                  zhHans: try row.text("\(field)_zh_hans"), zhHant: try row.text("\(field)_zh_hant"))
    }

    private static func list(_ row: CSVTable.Row, _ field: String) throws -> [String] {
        try row.text(field).split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Ten years either way: an account further out is a typing mistake, not a sample.
    static let maxRelativeDays = 3_660

    private static func expiry(_ row: CSVTable.Row, today: String) throws -> String {
        let v = try row.text("expiry")
        if let first = v.first, first == "+" || first == "-" {
            guard let n = Int(v.dropFirst()), (0...maxRelativeDays).contains(n),
                  let day = JapanTime.adding(days: first == "+" ? n : -n, to: today) else {
                throw row.fail("expiry", "is \"\(v)\", not a number of days from today from -\(maxRelativeDays) to +\(maxRelativeDays)")
            }
            return day
        }
        guard let days = JapanTime.days(from: today, to: v) else {
            throw row.fail("expiry", "is \"\(v)\", not a date (YYYY-MM-DD) or days from today (+20, -3)")
        }
        // A date is bounded as days from today are.
        guard abs(days) <= maxRelativeDays else {
            let earliest = JapanTime.adding(days: -maxRelativeDays, to: today) ?? today
            let latest = JapanTime.adding(days: maxRelativeDays, to: today) ?? today
            throw row.fail("expiry", "is \"\(v)\", more than ten years from today; give a date from \(earliest) to \(latest)")
        }
        return v
    }

    /// `cash_floats.csv`: one row per terminal, one column per denomination.
    private static func openingFloats(_ directory: URL) throws -> [String: (counts: CashPieces, row: CSVTable.Row)] {
        var floats: [String: (counts: CashPieces, row: CSVTable.Row)] = [:]
        for row in try CSVTable(directory: directory, name: "cash_floats.csv").rows {
            var counts: CashPieces = [:]
            for d in CashUnit.denominations {
                counts[d] = try row.int(String(d), in: 0...CashUnit.capacity(of: d))
            }
            let terminal = try row.text("terminal_id")
            if let first = floats[terminal] {
                throw row.fail("terminal_id", "repeats \"\(terminal)\", whose float is already on line \(first.row.line)")
            }
            floats[terminal] = (counts, row)
        }
        return floats
    }

    /// Every float belongs to a terminal, and every terminal that takes cash starts with one.
    private static func checkFloats(_ floats: [String: (counts: CashPieces, row: CSVTable.Row)], terminals: [Terminal]) throws {
        for (id, float) in floats.sorted(by: { $0.value.row.line < $1.value.row.line }) where !terminals.contains(where: { $0.id == id }) {
            throw float.row.fail("terminal_id", "names \"\(id)\", which is not in terminals.csv or registers.csv")
        }
        for t in terminals where t.payments.contains(.cash) && floats[t.id] == nil {
            throw FixtureError(file: "cash_floats.csv", line: 0, field: "terminal_id",
                               problem: "has no row for \(t.id), which takes cash and needs an opening float")
        }
    }

    /// `floorplans/<terminal>.txt`: a small plan of the store, the machine marked with `K`.
    private static func floorPlan(_ directory: URL, row: CSVTable.Row, terminalId: String) throws -> [String] {
        let name = try row.text("floor_plan")
        let url = directory.appendingPathComponent("floorplans").appendingPathComponent(name)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw row.fail("floor_plan", "names floorplans/\(name), which cannot be read")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            .filter { !$0.isEmpty }
        guard lines.contains(where: { $0.contains("K") }) else {
            throw FixtureError(file: "floorplans/\(name)", line: 0, field: nil, problem: "does not mark the machine with K")
        }
        return lines
    }

    private static func checkUnique(_ c: Catalogue) throws {
        func unique(_ ids: [String], _ file: String) throws {
            var seen = Set<String>()
            for id in ids where !seen.insert(id).inserted {
                throw FixtureError(file: file, line: 0, field: "id", problem: "repeats \"\(id)\"")
            }
        }
        try unique(c.chains.map(\.id), "chains.csv")
        try unique(c.stores.map(\.id), "stores.csv")
        try unique(c.terminals.map(\.id), "terminals.csv")
        try unique(c.carriers.map(\.id), "carriers.csv")
        try unique(c.plans.map(\.id), "plans.csv")
        try unique(c.accounts.map(\.number), "sim_accounts.csv")
        try unique(c.testCards.map(\.id), "test_cards.csv")
        try unique(c.wallets.map(\.name), "wallets.csv")
        try unique(c.testWallets.map(\.id), "test_wallets.csv")
    }
}
