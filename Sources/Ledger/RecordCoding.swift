import Foundation
import Money

/// JSON forms of the records, as the export writes them: the table's own snake_case column
/// names, times as stored (UTC ISO 8601 with milliseconds), and every key present (null when empty).
extension TransactionRecord {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, storeId = "store_id", terminalId = "terminal_id", businessDate = "business_date"
        case startedAt = "started_at", finishedAt = "finished_at", status
        case simNumber = "sim_number", carrierId = "carrier_id", planId = "plan_id"
        case amountYen = "amount_yen", taxYen = "tax_yen", paymentMethod = "payment_method"
        case cashInYen = "cash_in_yen", changeYen = "change_yen"
        case cardBrand = "card_brand", cardLast4 = "card_last4", authCode = "auth_code", receiptNo = "receipt_no"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id),
                  storeId: try c.decode(String.self, forKey: .storeId),
                  terminalId: try c.decode(String.self, forKey: .terminalId),
                  businessDate: try c.decode(String.self, forKey: .businessDate),
                  startedAt: try c.decodeTime(forKey: .startedAt),
                  finishedAt: try c.decodeNil(forKey: .finishedAt) ? nil : c.decodeTime(forKey: .finishedAt),
                  status: try c.decode(TransactionStatus.self, forKey: .status),
                  simNumber: try c.decode(String.self, forKey: .simNumber),
                  carrierId: try c.decode(String.self, forKey: .carrierId),
                  planId: try c.decode(String.self, forKey: .planId),
                  amountYen: try c.decode(Int.self, forKey: .amountYen),
                  taxYen: try c.decode(Int.self, forKey: .taxYen),
                  paymentMethod: try c.decodeIfPresent(PaymentMethod.self, forKey: .paymentMethod),
                  cashInYen: try c.decode(Int.self, forKey: .cashInYen),
                  changeYen: try c.decode(Int.self, forKey: .changeYen),
                  cardBrand: try c.decodeIfPresent(String.self, forKey: .cardBrand),
                  cardLast4: try c.decodeIfPresent(String.self, forKey: .cardLast4),
                  authCode: try c.decodeIfPresent(String.self, forKey: .authCode),
                  receiptNo: try c.decodeIfPresent(Int.self, forKey: .receiptNo))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(storeId, forKey: .storeId)
        try c.encode(terminalId, forKey: .terminalId)
        try c.encode(businessDate, forKey: .businessDate)
        try c.encode(LedgerTime.text(startedAt), forKey: .startedAt)
        try c.encode(finishedAt.map(LedgerTime.text), forKey: .finishedAt)
        try c.encode(status, forKey: .status)
        try c.encode(simNumber, forKey: .simNumber)
        try c.encode(carrierId, forKey: .carrierId)
        try c.encode(planId, forKey: .planId)
        try c.encode(amountYen, forKey: .amountYen)
        try c.encode(taxYen, forKey: .taxYen)
        try c.encode(paymentMethod, forKey: .paymentMethod)
        try c.encode(cashInYen, forKey: .cashInYen)
        try c.encode(changeYen, forKey: .changeYen)
        try c.encode(cardBrand, forKey: .cardBrand)
        try c.encode(cardLast4, forKey: .cardLast4)
        try c.encode(authCode, forKey: .authCode)
        try c.encode(receiptNo, forKey: .receiptNo)
    }

    /// The record's columns as text, in `CodingKeys` order (empty for NULL), for CSV.
    var csvFields: [String] {
        [id, storeId, terminalId, businessDate, LedgerTime.text(startedAt), finishedAt.map(LedgerTime.text) ?? "",
         status.rawValue, simNumber, carrierId, planId, String(amountYen), String(taxYen), paymentMethod?.rawValue ?? "",
         String(cashInYen), String(changeYen), cardBrand ?? "", cardLast4 ?? "", authCode ?? "",
         receiptNo.map(String.init) ?? ""]
    }
}

extension CashMovementRecord {
    enum CodingKeys: String, CodingKey {
        case id, terminalId = "terminal_id", at, kind, denomination, count, txnId = "txn_id"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(Int64.self, forKey: .id),
                  terminalId: try c.decode(String.self, forKey: .terminalId),
                  at: try c.decodeTime(forKey: .at),
                  kind: try c.decode(CashMovementKind.self, forKey: .kind),
                  denomination: try c.decode(Int.self, forKey: .denomination),
                  count: try c.decode(Int.self, forKey: .count),
                  txnId: try c.decodeIfPresent(String.self, forKey: .txnId))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(terminalId, forKey: .terminalId)
        try c.encode(LedgerTime.text(at), forKey: .at)
        try c.encode(kind, forKey: .kind)
        try c.encode(denomination, forKey: .denomination)
        try c.encode(count, forKey: .count)
        try c.encode(txnId, forKey: .txnId)
    }
}

private extension KeyedDecodingContainer {
    func decodeTime(forKey key: Key) throws -> Date {
        let text = try decode(String.self, forKey: key)
        guard let date = LedgerTime.date(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self,
                                                   debugDescription: "\"\(text)\" is not a UTC ISO 8601 time with milliseconds")
        }
        return date
    }
}
