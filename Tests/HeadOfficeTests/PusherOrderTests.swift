import Foundation
import Hummingbird
import Ledger
import Logging
import NIOCore
import XCTest
@testable import HeadOffice

/// The pusher's batches on their way at once, against a stand-in for HQ that comes to the
/// second batch before the first, as HQ does when a later batch reaches the ledger's lock
/// first: the second is refused as a gap, sent again once the first is stored, and every row
/// is stored once, in order.
final class PusherOrderTests: XCTestCase {
    /// A ledger as HQ holds it: a batch must start with the last row held, or right after it.
    actor StandIn {
        let ledgerId: LedgerID
        private(set) var lastSeq: Int64 = 0
        private(set) var stored: [Int64] = []
        private(set) var refused = 0
        private var posts = 0

        init(ledgerId: LedgerID) { self.ledgerId = ledgerId }

        /// The first batch is held back a while, so that the one sent after it is taken first.
        func post(_ batch: PushBatch) async -> (HTTPResponse.Status, Data) {
            posts += 1
            if posts == 1 { try? await Task.sleep(for: .milliseconds(300)) }
            guard let first = batch.rows.first?.row.seq, let last = batch.rows.last?.row.seq else { return (.badRequest, Data()) }
            guard first <= lastSeq + 1 else {
                refused += 1
                return (.conflict, Self.json(Refusal(error: "Row seq \(first) leaves a gap: HQ holds this ledger up to seq \(lastSeq).")))
            }
            let new = batch.rows.map(\.row.seq).filter { $0 > lastSeq }
            stored += new
            lastSeq = max(lastSeq, last)
            return (.ok, Self.json(LedgerPosition(ledgerId: ledgerId, lastSeq: lastSeq, stored: new.count,
                                                  alreadyHeld: batch.rows.count - new.count)))
        }

        func position() -> Data { Self.json(LedgerPosition(ledgerId: ledgerId, lastSeq: lastSeq)) }

        private static func json(_ value: some Encodable) -> Data { (try? JSONEncoder().encode(value)) ?? Data() }
    }

    func testABatchHQCameToBeforeTheOneAheadOfItIsSentAgainAndEveryRowIsStoredOnce() async throws {
        let scratch = try Scratch()
        let ledger = try StoreDay.ledger(scratch.path("l.sqlite"), sales: 12)
        let rows = try ledger.journalRows(after: 0, limit: .max)
        let standIn = StandIn(ledgerId: try ledger.id())

        let router = Router()
        router.get("v1/ledgers/:ledger") { _, _ in Self.response(.ok, await standIn.position()) }
        router.post("v1/ledgers/:ledger/journal") { request, _ in
            let body = try await request.body.collect(upTo: HQServer.bodyLimit)
            guard case .success(let batch) = PushBatch.decode(Data(buffer: body)) else { return Self.response(.badRequest, Data()) }
            let (status, answer) = await standIn.post(batch)
            return Self.response(status, answer)
        }
        let (ports, port) = AsyncStream.makeStream(of: Int.self)
        var quiet = Logger(label: "stand-in")
        quiet.logLevel = .critical
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { port.yield($0.localAddress?.port ?? 0) }, logger: quiet)
        let serving = Task { try await app.run() }
        defer { serving.cancel() }
        var listening = ports.makeAsyncIterator()
        let listeningOn = await listening.next()
        let hq = try XCTUnwrap(HQEndpoint("http://127.0.0.1:\(try XCTUnwrap(listeningOn))"))

        let token = try XCTUnwrap(PushToken(text: "fm-namba." + String(repeating: "a", count: 16) + "." + String(repeating: "b", count: 64)))
        let summary = try await Pusher(hq: hq, token: token, ledger: ledger, batchSize: 5).push()

        let refused = await standIn.refused
        let stored = await standIn.stored
        XCTAssertGreaterThan(refused, 0, "the stand-in never came to a batch before the one ahead of it")
        XCTAssertEqual(stored, rows.map(\.seq), "every row once, in order")
        XCTAssertEqual(summary.stored, rows.count)
        XCTAssertEqual(summary.lastSeq, rows.last?.seq)
    }

    private static func response(_ status: HTTPResponse.Status, _ body: Data) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
