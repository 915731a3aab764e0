import Foundation
import Kiosk
import Ledger

/// `kiosk simulate --stores`: several stores' days at once, each on its own ledger file in one
/// folder (as real stores each keep their own) and each on its own thread. A store's day is the
/// one `--store ID` gives on that ledger alone, with the same seed.
struct StoresDay {
    struct Store {
        let id: String
        let terminals: [Terminal]
        let ledger: Ledger
        let day: StoreDay
    }

    let stores: [Store]

    /// The stores `spec` names (`all`: every store with a terminal a day can use), each with
    /// its first `terminals` machines (all by default) on `<folder>/<store>.sqlite`.
    init(spec: String, folder: String, terminals count: Int?, catalogue: Catalogue, fixtures: DayFixtures,
         arrivals: ArrivalRate?, rules: StoreDay.Rules, settings: KioskAssembly.Settings) throws {
        let usable = StoreDay.usableTerminals(in: catalogue)
        let known = catalogue.stores.map(\.id)
        let ids: [String]
        if spec == "all" {
            ids = known.filter { id in usable.contains { $0.storeId == id } }
        } else {
            ids = spec.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if ids.contains("") { throw Failure("--stores has an empty item; give store ids joined by commas, or all.") }
            if let unknown = ids.first(where: { !known.contains($0) }) {
                throw Failure("Unknown store \"\(unknown)\" in --stores; the stores are \(known.joined(separator: ", ")).")
            }
            if let twice = ids.first(where: { id in ids.filter { $0 == id }.count > 1 }) {
                throw Failure("Store \(twice) is named twice in --stores; name each store once.")
            }
        }
        try DayOptions.checkCustomers(rules, arrivals: arrivals, stores: ids, catalogue: catalogue, fixtures: fixtures, canCap: true)
        try StoresDay.makeFolder(folder)
        stores = try ids.map { id in
            let ours = usable.filter { $0.storeId == id }
            guard !ours.isEmpty else { throw Failure("Store \(id) has no in-service terminal that takes cash.") }
            let n = count ?? ours.count
            guard (1...ours.count).contains(n) else {
                throw Failure("--terminals must be from 1 to \(ours.count), the in-service terminals of \(id) that take cash.")
            }
            let chosen = Array(ours.prefix(n))
            let path = URL(fileURLWithPath: folder).appendingPathComponent("\(id).sqlite").path
            let ledger: Ledger
            do {
                try chosen.forEach { try TerminalHold.take($0.id, ledgerPath: path) }
                ledger = try Ledger(path: path)
            } catch {
                throw Failure("\(error)")
            }
            var storeSettings = settings
            storeSettings.ledgerPath = path
            let queues = try StoreDay.queues(of: chosen, catalogue: catalogue, fixtures: fixtures, arrivals: arrivals,
                                             ledger: ledger, today: Date())
            return Store(id: id, terminals: chosen, ledger: ledger,
                         day: StoreDay(catalogue: catalogue, ledger: ledger, queues: queues, settings: storeSettings, rules: rules))
        }
    }

    /// Runs every store's day, each on a thread of its own; the days in the stores' order,
    /// and the wall-clock seconds they took together.
    func run() throws -> (days: [DayRecord], seconds: Double) {
        let began = Date()
        let outcomes = Outcomes(count: stores.count)
        let finished = DispatchGroup()
        for (i, store) in stores.enumerated() {
            finished.enter()
            let thread = Thread {
                let result = Result { try store.day.run() }
                outcomes.lock.withLock { outcomes.results[i] = result }
                finished.leave()
            }
            thread.name = "store \(store.id)"
            thread.stackSize = 8 << 20
            thread.start()
        }
        finished.wait()
        return (try outcomes.results.map { try $0!.get() }, Date().timeIntervalSince(began))
    }

    /// Each store's outcome as its thread finishes.
    private final class Outcomes: @unchecked Sendable {
        let lock = NSLock()
        var results: [Result<DayRecord, Error>?]
        init(count: Int) { results = Array(repeating: nil, count: count) }
    }

    /// The folder of the stores' ledgers: made when missing; anything else there is refused.
    private static func makeFolder(_ folder: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw Failure("--ledger-dir \(folder) is a file, not a folder.") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure("Cannot make the folder \(folder) for the stores' ledgers: \(error.localizedDescription)")
        }
    }
}
