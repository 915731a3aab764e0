/// Every word a receipt or slip prints, in the four languages. A missing translation is a
/// compile error, not an English word on a Japanese receipt.
enum Word {
    case terminal, receiptNo, transaction, registration, topUp, carrier, simNumber, plan, total, taxIncluded
    case cash, change, card, authCode, newExpiry, thanks, reprint, refundSlip, amount, returnedCash, cardVoided
    case stillDue, dueNote, paidAtCounter, paidBy, reason, keepReceipt, wallet, tradeNo, walletRefunded
    case applicationSlip, registerReceipt, slipNo, amountToPay, payAtRegisterBy, notYetTopUp

    func `in`(_ language: Language) -> String {
        let t = table
        switch language {
        case .en: return t.0
        case .ja: return t.1
        case .zhHans: return t.2
        case .zhHant: return t.3
        }
    }

    private var table: (String, String, String, String) {
        switch self {
        case .terminal: return ("Terminal", "端末", "终端", "終端")
        case .receiptNo: return ("Receipt No.", "レシートNo.", "收据编号", "收據編號")
        case .transaction: return ("Transaction", "取引番号", "交易号", "交易號")
        case .registration: return ("Registration No.", "登録番号", "登记号码", "登記號碼")
        case .topUp: return ("SIM TOP-UP", "SIMチャージ", "SIM卡充值", "SIM卡儲值")
        case .carrier: return ("Carrier", "通信会社", "运营商", "電信業者")
        case .simNumber: return ("SIM number", "SIM番号", "SIM号码", "SIM號碼")
        case .plan: return ("Plan", "プラン", "套餐", "方案")
        case .total: return ("Total", "合計", "合计", "合計")
        case .taxIncluded: return ("(incl. consumption tax 10%", "(内消費税等 10%", "(含消费税 10%", "(含消費稅 10%")
        case .cash: return ("Cash received", "お預り(現金)", "收款(现金)", "收款(現金)")
        case .change: return ("Change", "お釣り", "找零", "找零")
        case .card: return ("Card", "クレジット", "信用卡", "信用卡")
        case .authCode: return ("Auth code", "承認番号", "授权码", "授權碼")
        case .newExpiry: return ("Valid until", "新しい有効期限", "新有效期", "新有效期")
        case .thanks: return ("Thank you", "ありがとうございました", "谢谢惠顾", "謝謝惠顧")
        case .reprint: return ("*** REPRINT ***", "*** 再発行 ***", "*** 补打 ***", "*** 補印 ***")
        case .refundSlip: return ("REFUND SLIP", "返金票", "退款单", "退款單")
        case .amount: return ("Top-up amount", "チャージ金額", "充值金额", "儲值金額")
        case .returnedCash: return ("Cash returned", "返金(現金)", "已退现金", "已退現金")
        case .cardVoided: return ("Card payment voided", "カード取消", "信用卡已撤销", "信用卡已撤銷")
        case .wallet: return ("Wallet", "スマホ決済", "手机支付", "手機支付")
        case .tradeNo: return ("Wallet trade no.", "決済番号", "支付单号", "支付單號")
        case .walletRefunded: return ("Wallet payment refunded", "スマホ決済返金", "手机支付已退款", "手機支付已退款")
        case .stillDue: return ("Still owed to you", "未返金額", "待退金额", "待退金額")
        case .dueNote: return ("Show this slip at the counter: staff will pay what is owed.",
                               "この控えをレジにお持ちください。未返金額を係員がお返しします。",
                               "请持此单到收银台，店员将退还待退金额。",
                               "請持此單到收銀台，店員將退還待退金額。")
        case .paidAtCounter: return ("Paid at the counter", "レジにて返金済", "已在收银台退还", "已在收銀台退還")
        case .paidBy: return ("Paid by", "返金担当", "经办人", "經辦人")
        case .reason: return ("Reason", "理由", "原因", "原因")
        case .applicationSlip: return ("Application slip", "申込券", "申请单", "申請單")
        case .registerReceipt: return ("Statement and receipt", "取扱明細兼受領書", "交易明细兼收据", "交易明細兼收據")
        case .slipNo: return ("Slip No.", "申込番号", "申请编号", "申請編號")
        case .amountToPay: return ("To pay", "お支払金額", "应付金额", "應付金額")
        case .payAtRegisterBy: return ("Pay at the register by %@ JST", "%@までにレジでお支払いください",
                                       "请在%@前到收银台付款", "請在%@前到收銀台付款")
        case .notYetTopUp: return ("Your SIM is topped up once this is paid.", "お支払い後にチャージされます。",
                                   "付款后即为您充值。", "付款後即為您儲值。")
        case .keepReceipt: return ("Please keep this receipt.", "このレシートは大切に保管してください。",
                                   "请妥善保管此收据。", "請妥善保管此收據。")
        }
    }
}
