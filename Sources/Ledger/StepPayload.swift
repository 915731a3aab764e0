import Foundation

/// How a step is written into `journal.kind` and `journal.payload`, and read back.
/// The payload is the step's associated values with snake_case keys; pieces of cash are
/// objects of denomination → count, e.g. `{"pieces":{"1000":2,"500":1}}`.
extension Step {
    var kind: String {
        switch self {
        case .begin: return "begin"
        case .cashIn: return "cash_in"
        case .changeDue: return "change_due"
        case .cashReturnDue: return "cash_return_due"
        case .changeDispensed: return "change_dispensed"
        case .cashReturned: return "cash_returned"
        case .cardAuthorisationRequested: return "card_authorisation_requested"
        case .cardAuthorised: return "card_authorised"
        case .cardDeclined: return "card_declined"
        case .cardVoided: return "card_voided"
        case .cardCaptured: return "card_captured"
        case .topUpRequested: return "top_up_requested"
        case .topUpApplied: return "top_up_applied"
        case .topUpFailed: return "top_up_failed"
        case .completed: return "completed"
        case .cancelled: return "cancelled"
        case .refunded: return "refunded"
        case .refundDue: return "refund_due"
        case .failed: return "failed"
        case .refundSettled: return "refund_settled"
        case .replenished: return "replenished"
        case .collected: return "collected"
        case .recovered: return "recovered"
        case .staff: return "staff"
        }
    }

    var payload: [String: JSONValue] {
        switch self {
        case .begin(let s):
            var fields: [String: JSONValue] = ["id": .string(s.id), "store_id": .string(s.storeId), "terminal_id": .string(s.terminalId),
                    "business_date": .string(s.businessDate), "sim_number": .string(s.simNumber),
                    "carrier_id": .string(s.carrierId), "plan_id": .string(s.planId),
                    "amount_yen": .int(s.amountYen), "tax_yen": .int(s.taxYen),
                    "payment_method": .string(s.paymentMethod)]
            if let language = s.language { fields["language"] = .string(language) }
            return fields
        case .cashIn(let denomination):
            return ["denomination": .int(denomination)]
        case .changeDue(let pieces), .changeDispensed(let pieces), .cashReturnDue(let pieces), .cashReturned(let pieces):
            return ["pieces": Step.json(pieces)]
        case .cardAuthorisationRequested(let brand, let last4):
            return ["brand": .string(brand), "last4": .string(last4)]
        case .cardAuthorised(let brand, let last4, let authCode):
            return ["brand": .string(brand), "last4": .string(last4), "auth_code": .string(authCode)]
        case .cardVoided(let authCode), .cardCaptured(let authCode):
            return ["auth_code": .string(authCode)]
        case .topUpRequested(let simNumber, let planId):
            return ["sim_number": .string(simNumber), "plan_id": .string(planId)]
        case .topUpApplied(let newExpiry):
            return ["new_expiry": .string(newExpiry)]
        case .cardDeclined(let reason), .topUpFailed(let reason), .cancelled(let reason),
             .refunded(let reason), .failed(let reason):
            return ["reason": .string(reason)]
        case .completed:
            return [:]
        case .refundDue(let yen, let reason):
            return ["yen": .int(yen), "reason": .string(reason)]
        case .refundSettled(let yen, let staff):
            return ["yen": .int(yen), "staff": .string(staff)]
        case .replenished(let pieces, let staff), .collected(let pieces, let staff):
            return ["pieces": Step.json(pieces), "staff": .string(staff)]
        case .recovered(let resolution):
            return ["resolution": .string(resolution)]
        case .staff(let action, let name):
            return ["action": .string(action), "name": .string(name)]
        }
    }

    /// Rebuilds a step from its stored kind and payload; nil when they do not fit together.
    init?(kind: String, payload: JSONValue) {
        guard case .object(let fields) = payload else { return nil }
        let p = PayloadFields(fields: fields)
        switch kind {
        case "begin":
            guard let s = p.start() else { return nil }
            self = .begin(s)
        case "cash_in":
            guard let d = p.int("denomination") else { return nil }
            self = .cashIn(denomination: d)
        case "change_due":
            guard let pieces = p.pieces() else { return nil }
            self = .changeDue(pieces: pieces)
        case "cash_return_due":
            guard let pieces = p.pieces() else { return nil }
            self = .cashReturnDue(pieces: pieces)
        case "change_dispensed":
            guard let pieces = p.pieces() else { return nil }
            self = .changeDispensed(pieces: pieces)
        case "cash_returned":
            guard let pieces = p.pieces() else { return nil }
            self = .cashReturned(pieces: pieces)
        case "card_authorisation_requested":
            guard let brand = p.string("brand"), let last4 = p.string("last4") else { return nil }
            self = .cardAuthorisationRequested(brand: brand, last4: last4)
        case "card_authorised":
            guard let brand = p.string("brand"), let last4 = p.string("last4"),
                  let code = p.string("auth_code") else { return nil }
            self = .cardAuthorised(brand: brand, last4: last4, authCode: code)
        case "card_declined":
            guard let reason = p.string("reason") else { return nil }
            self = .cardDeclined(reason: reason)
        case "card_voided":
            guard let code = p.string("auth_code") else { return nil }
            self = .cardVoided(authCode: code)
        case "card_captured":
            guard let code = p.string("auth_code") else { return nil }
            self = .cardCaptured(authCode: code)
        case "top_up_requested":
            guard let sim = p.string("sim_number"), let plan = p.string("plan_id") else { return nil }
            self = .topUpRequested(simNumber: sim, planId: plan)
        case "top_up_applied":
            guard let expiry = p.string("new_expiry") else { return nil }
            self = .topUpApplied(newExpiry: expiry)
        case "top_up_failed":
            guard let reason = p.string("reason") else { return nil }
            self = .topUpFailed(reason: reason)
        case "completed":
            guard fields.isEmpty else { return nil }
            self = .completed
        case "cancelled":
            guard let reason = p.string("reason") else { return nil }
            self = .cancelled(reason: reason)
        case "refunded":
            guard let reason = p.string("reason") else { return nil }
            self = .refunded(reason: reason)
        case "refund_due":
            guard let yen = p.int("yen"), let reason = p.string("reason") else { return nil }
            self = .refundDue(yen: yen, reason: reason)
        case "failed":
            guard let reason = p.string("reason") else { return nil }
            self = .failed(reason: reason)
        case "refund_settled":
            guard let yen = p.int("yen"), let staff = p.string("staff") else { return nil }
            self = .refundSettled(yen: yen, staff: staff)
        case "replenished":
            guard let pieces = p.pieces(), let staff = p.string("staff") else { return nil }
            self = .replenished(pieces: pieces, staff: staff)
        case "collected":
            guard let pieces = p.pieces(), let staff = p.string("staff") else { return nil }
            self = .collected(pieces: pieces, staff: staff)
        case "recovered":
            guard let resolution = p.string("resolution") else { return nil }
            self = .recovered(resolution: resolution)
        case "staff":
            guard let action = p.string("action"), let name = p.string("name") else { return nil }
            self = .staff(action: action, name: name)
        default:
            return nil
        }
    }

    private static func json(_ pieces: [Int: Int]) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: pieces.map { (String($0.key), JSONValue.int($0.value)) }))
    }
}

/// Typed access to a stored payload's fields.
private struct PayloadFields {
    let fields: [String: JSONValue]

    func string(_ key: String) -> String? {
        if case .string(let s)? = fields[key] { return s }
        return nil
    }

    func int(_ key: String) -> Int? {
        if case .int(let n)? = fields[key] { return n }
        return nil
    }

    func pieces() -> [Int: Int]? {
        guard case .object(let raw)? = fields["pieces"] else { return nil }
        var pieces: [Int: Int] = [:]
        for (key, value) in raw {
            guard let denomination = Int(key), case .int(let count) = value else { return nil }
            pieces[denomination] = count
        }
        return pieces
    }

    func start() -> TransactionStart? {
        guard let id = string("id"), let store = string("store_id"), let terminal = string("terminal_id"),
              let date = string("business_date"), let sim = string("sim_number"),
              let carrier = string("carrier_id"), let plan = string("plan_id"),
              let amount = int("amount_yen"), let tax = int("tax_yen"),
              let method = string("payment_method") else { return nil }
        return TransactionStart(id: id, storeId: store, terminalId: terminal, businessDate: date,
                                simNumber: sim, carrierId: carrier, planId: plan,
                                amountYen: amount, taxYen: tax, paymentMethod: method, language: string("language"))
    }
}
