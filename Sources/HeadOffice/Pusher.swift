import Foundation
import Ledger
import NIOHTTP1

/// Pushes one ledger's journal to HQ: asks how far HQ holds it, then sends what follows in
/// order, a batch at a time, until HQ holds it all. Each batch is stored whole or not at all, so
/// a push cut short anywhere is carried on by the next.
public struct Pusher: Sendable {
    let client: HQClient
    let ledger: Ledger
    let batchSize: Int

    /// Rows a batch holds unless told otherwise: few batches, each well under HQ's body limit.
    public static let defaultBatchSize = 5_000
    static let firstBatchSize = 500

    public init(hq: HQEndpoint, token: PushToken, ledger: Ledger, batchSize: Int = Pusher.defaultBatchSize) {
        self.client = HQClient(endpoint: hq, token: token)
        self.ledger = ledger
        self.batchSize = batchSize
    }

    public struct Summary: Equatable, Sendable {
        public var ledgerId: LedgerID
        /// Rows HQ stored in this push.
        public var stored: Int
        /// The last row HQ holds now.
        public var lastSeq: Int64
    }

    /// A batch on its way to HQ.
    private struct Sent {
        let answer: Task<LedgerPosition, any Error>
        let lastSeq: Int64
        /// Sent while the batch before it was unanswered: HQ may have come to it first, found
        /// a gap, and refused it.
        let ahead: Bool
    }

    /// Pushes until HQ holds every row the ledger has now. Two batches are on their way at a
    /// time, so that HQ reads and checks the next while it stores the one before; they are
    /// still stored in order, each after the one before, since HQ stores a ledger's batches
    /// one at a time.
    public func push() async throws -> Summary {
        let id = try ledger.id()
        var position = try await decode(LedgerPosition.self, try await client.send(.GET, "/v1/ledgers/\(id)"))
        if position.lastSeq > 0, try ledger.journalRows(after: position.lastSeq - 1, limit: 1).isEmpty {
            throw HQFailure("HQ holds ledger \(id) up to seq \(position.lastSeq), but this copy of it ends before that: it is an older copy of the ledger.")
        }
        var stored = 0
        var sending: [Sent] = []
        defer { for sent in sending { sent.answer.cancel() } }
        // The first batch starts with the last row HQ holds, so that HQ compares it with its own
        // copy: a ledger edited or rewritten since the last push is refused, not extended.
        var after = max(0, position.lastSeq - 1)
        // The first batches are small, so that HQ starts storing at once while the next are
        // read and checked; from then on each is as large as allowed.
        var size = min(batchSize, Self.firstBatchSize)
        func send() throws {
            guard let (body, last) = try batch(after: after, limit: size) else { return }
            size = min(batchSize, size * 4)
            let path = "/v1/ledgers/\(id)/journal"
            sending.append(Sent(answer: Task { try await decode(LedgerPosition.self, try await client.send(.POST, path, body: body)) },
                                lastSeq: last, ahead: !sending.isEmpty))
            after = last
        }
        /// Waits for whatever is still on its way, then sends again from where HQ is.
        func startOver() async throws {
            for sent in sending { stored += (try? await sent.answer.value)?.stored ?? 0 }
            sending = []
            position = try await decode(LedgerPosition.self, try await client.send(.GET, "/v1/ledgers/\(id)"))
            after = position.lastSeq
            try send()
        }
        try send()
        while !sending.isEmpty {
            try send()
            let sent = sending.removeFirst()
            do {
                position = try await sent.answer.value
            } catch HQClientError.refused(409, _) where sent.ahead {
                // HQ came to it before the batch ahead of it was stored: it goes again, first in line.
                try await startOver()
                continue
            }
            stored += position.stored
            // HQ holds more than this push sent (another copy pushed meanwhile): go on from there.
            if position.lastSeq != sent.lastSeq { try await startOver() }
        }
        return Summary(ledgerId: id, stored: stored, lastSeq: position.lastSeq)
    }

    /// The request body of the rows after `after` and the seq of its last row; nil when there are none.
    /// Rows long enough to take the body over HQ's limit go in a smaller batch, not a refused one.
    private func batch(after: Int64, limit: Int) throws -> (body: Data, lastSeq: Int64)? {
        let rows = try ledger.journalRows(after: after, limit: limit)
        guard !rows.isEmpty else { return nil }
        let stores = try ledger.terminalStores()
        let pushed = try rows.map { row in
            guard let text = stores[row.terminalId], let store = StoreID(rawValue: text) else {
                throw HQFailure("Terminal \(row.terminalId) of row \(row.seq) has no store in the ledger, so the row cannot be pushed.")
            }
            return PushedRow(storeId: store, row: row)
        }
        let fitting = PushBatch.leading(pushed, within: HQServer.bodyLimit)
        return (fitting.body, fitting.rows.last!.row.seq)
    }

    /// Pushes, then again whenever the ledger has grown, until cancelled. While HQ cannot be
    /// reached (or its database is down) it waits and tries again, longer each time up to
    /// `maxBackoff`; `onEvent` hears each push and each wait. A refusal ends it: it would not
    /// go away by itself.
    public func watch(poll: Duration = .seconds(1), maxBackoff: Duration = .seconds(30),
                      onEvent: @Sendable (WatchEvent) -> Void) async throws {
        var backoff = Duration.milliseconds(500)
        while !Task.isCancelled {
            do {
                let summary = try await push()
                if summary.stored > 0 { onEvent(.pushed(summary)) }
                backoff = .milliseconds(500)
                try await Task.sleep(for: poll)
            } catch let error as HQClientError {
                if case .refused(let status, _) = error, status != 503 { throw error }
                onEvent(.waiting(error.description, backoff))
                try await Task.sleep(for: backoff)
                backoff = min(backoff * 2, maxBackoff)
            }
        }
    }

    public enum WatchEvent: Sendable {
        case pushed(Summary)
        case waiting(String, Duration)
    }

    private func decode<T: Decodable>(_ type: T.Type, _ answer: HQClient.Answer) throws -> T {
        guard answer.status == 200 else {
            let sentence = (try? JSONDecoder().decode(Refusal.self, from: answer.body))?.error
                ?? "HQ answered \(answer.status) without a reason."
            throw HQClientError.refused(status: answer.status, sentence: sentence)
        }
        do {
            return try JSONDecoder().decode(T.self, from: answer.body)
        } catch {
            throw HQClientError.unreachable("HQ at \(client.endpoint) answered something that is not the push API's JSON.")
        }
    }
}
