/// How a customer pays at the machine. Stored by its raw value in `transactions.payment_method`.
public enum PaymentMethod: String, Hashable, Sendable, CaseIterable, Codable {
    case cash, card
    /// A phone wallet's payment code, shown to the machine's scanner (Alipay, WeChat Pay, PayPay).
    case wallet
}
