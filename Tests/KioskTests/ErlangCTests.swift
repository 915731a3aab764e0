import Foundation
import XCTest
@testable import Kiosk
import Ledger

/// The simulated day against queueing theory: with exponential service (`--service`),
/// constant Poisson arrivals and neither balking nor giving up, a store's queue is M/M/c, so
/// its mean wait and its share of customers who wait must be Erlang C's.
final class ErlangCTests: XCTestCase {
    /// Erlang C: the probability that an arrival waits, and the mean wait in the queue.
    static func erlangC(machines c: Int, arrivalsPerSecond lambda: Double, servicePerSecond mu: Double) -> (pWait: Double, wq: Double) {
        let a = lambda / mu, rho = a / Double(c)
        var term = 1.0, sum = 0.0
        for k in 0..<c {
            if k > 0 { term *= a / Double(k) }
            sum += term
        }
        let last = term * a / Double(c) / (1 - rho)
        let p = last / (sum + last)
        return (p, p / (Double(c) * mu - lambda))
    }

    /// A scratch ledger in memory when the machine has /dev/shm: the test is about the queue.
    private func scratch() throws -> URL {
        let shm = URL(fileURLWithPath: "/dev/shm")
        let base = FileManager.default.isWritableFile(atPath: shm.path) ? shm : FileManager.default.temporaryDirectory
        let url = base.appendingPathComponent("erlang-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// A day at Haneda with c machines; every customer still through the real machine.
    private func day(machines c: Int, perHour: Double, service: Double, customers: Int, seed: UInt64,
                     catalogue: Catalogue) throws -> DayRecord {
        let folder = try scratch()
        let ledger = try Ledger(path: folder.appendingPathComponent("ledger.sqlite").path)
        let fixtures = try DayFixtures.load(from: Sample.fixtures)
        let terminals = Array(StoreDay.usableTerminals(in: catalogue).filter { $0.storeId == "lw-haneda-t3" }.prefix(c))
        XCTAssertEqual(terminals.count, c)
        let settings = KioskAssembly.Settings(ledgerPath: ledger.path, receipts: folder.appendingPathComponent("receipts").path, seed: seed)
        let rules = StoreDay.Rules(behaviour: fixtures.behaviour, hours: nil, customers: customers,
                                   service: .exponential(mean: service), balking: false, patience: false)
        let queues = try StoreDay.queues(of: terminals, catalogue: catalogue, fixtures: fixtures,
                                         arrivals: .constant(perHour: perHour), ledger: ledger, today: Sample.noon)
        let record = try StoreDay(catalogue: catalogue, ledger: ledger, queues: queues, settings: settings, rules: rules).run()
        XCTAssertEqual(try Invariants.check(ledger), [])
        return record
    }

    /// The waits of an ideal first-come-first-served queue with c servers, fed the same
    /// arrivals and the same times at the machine.
    private func idealWaits(_ visits: [DayRecord.Visit], machines c: Int) -> [Double] {
        var free = [Date](repeating: .distantPast, count: c)
        return visits.map { v in
            let i = free.indices.min { free[$0] < free[$1] }!
            let start = max(v.arrived, free[i])
            free[i] = start.addingTimeInterval(v.done!.timeIntervalSince(v.started!))
            return start.timeIntervalSince(v.arrived)
        }
    }

    func testTheQueueIsErlangCsWithExponentialService() throws {
        // 60,000 customers must take seconds in a debug build, and a sale costs milliseconds of
        // commits: here every customer brings a SIM the carrier refuses, so each still goes
        // through the real screens, runtime and carrier but writes nothing. Their time at the
        // machine is --service's either way; the next test serves real sales the same way.
        var catalogue = Sample.catalogue
        catalogue.accounts = []
        let service = 120.0
        var table = ["c  λ (/h)  μ (/h)  Wq simulated  Wq Erlang C  P(wait) simulated  P(wait) Erlang C"]
        for c in [1, 2, 4] {
            let mu = 1 / service, lambda = 0.8 * Double(c) * mu
            let record = try day(machines: c, perHour: lambda * 3600, service: service, customers: 20_000, seed: 11, catalogue: catalogue)
            let visits = record.visits
            XCTAssertEqual(visits.count, 20_000)
            XCTAssertTrue(visits.allSatisfy { $0.outcome == .served })
            // The scheduler is exactly a FIFO queue with c servers...
            let ideal = idealWaits(visits, machines: c)
            XCTAssertEqual(zip(visits, ideal).filter { abs($0.wait - $1) > 1e-3 }.count, 0, "c = \(c): waits differ from a FIFO queue's")
            // ...and its inputs are what the theory assumes.
            let gaps = zip(visits.dropFirst(), visits).map { $0.arrived.timeIntervalSince($1.arrived) }
            XCTAssertEqual(gaps.reduce(0, +) / Double(gaps.count), 1 / lambda, accuracy: 0.03 / lambda)
            let waits = visits.map(\.wait)
            let meanWait = waits.reduce(0, +) / Double(waits.count)
            let waited = Double(waits.filter { $0 > 0 }.count) / Double(waits.count)
            let theory = Self.erlangC(machines: c, arrivalsPerSecond: lambda, servicePerSecond: mu)
            table.append(String(format: "%d  %6.1f  %6.1f  %10.1f s  %9.1f s  %17.3f  %16.3f", c, lambda * 3600, mu * 3600,
                                meanWait, theory.wq, waited, theory.pWait))
            XCTAssertEqual(meanWait, theory.wq, accuracy: 0.07 * theory.wq, "c = \(c)")
            XCTAssertEqual(waited, theory.pWait, accuracy: 0.03, "c = \(c)")
            let statistics = DayStatistics(record)
            XCTAssertEqual(statistics.day.waitMean, meanWait, accuracy: 1e-6)
            XCTAssertEqual(statistics.day.waitedShare, waited, accuracy: 1e-9)
        }
        print(table.joined(separator: "\n"))
    }

    /// The same queue with real sales: the ledger keeps its promises, and the day's sales
    /// are the ledger's, customer by customer.
    func testADayWithExponentialServiceSellsThroughTheLedger() throws {
        var catalogue = Sample.catalogue
        catalogue.terminals = catalogue.terminals.map { var t = $0; t.receiptFormats = [.text]; return t }
        let record = try day(machines: 2, perHour: 48, service: 120, customers: 1_500, seed: 5, catalogue: catalogue)
        XCTAssertGreaterThan(record.summary.completed, 1_000)
        XCTAssertEqual(record.visits.reduce(Yen.zero) { $0 + $1.spent }, record.summary.sales)
        XCTAssertEqual(zip(record.visits, idealWaits(record.visits, machines: 2)).filter { abs($0.wait - $1) > 1e-3 }.count, 0)
    }
}
