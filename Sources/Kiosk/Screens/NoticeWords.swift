import Receipt

/// The notices of the flow in the customer's language (`Notice.description` is the English
/// wording that scripts and logs print).
extension Notice {
    func text(in language: Language) -> String {
        if language == .en { return description }
        let t = words
        switch language {
        case .en: return description
        case .ja: return t.0
        case .zhHans: return t.1
        case .zhHant: return t.2
        }
    }

    /// Japanese, simplified and traditional Chinese.
    private var words: (String, String, String) {
        switch self {
        case .simRejected(let why): return why.words
        case .accountRefused(let why): return why.words
        case .hostUnavailable:
            return ("ただいま通信会社に接続できません。しばらくしてからお試しください。", "暂时无法连接运营商，请稍后再试。", "暫時無法連接電信業者，請稍後再試。")
        case .cashNotAccepted(let d):
            let y = Yen(d).description
            return ("\(y)はご利用いただけないため返却しました。10〜500円硬貨、1,000・5,000・10,000円札をお使いください。",
                    "\(y)无法使用，已退还。请使用10–500日元硬币或1,000、5,000、10,000日元纸币。",
                    "\(y)無法使用，已退還。請使用10–500日圓硬幣或1,000、5,000、10,000日圓紙鈔。")
        case .cashUnitFull(let d):
            let y = Yen(d).description
            return ("ただいま\(y)を受け付けられないため返却しました。", "机器暂时无法接收\(y)，已退还。", "機器暫時無法接收\(y)，已退還。")
        case .cannotMakeChange(let d):
            let y = Yen(d).description
            return ("ただいま\(y)のお釣りが出せないため返却しました。小さいお札かカードをお使いください。",
                    "机器暂时无法为\(y)找零，已退还。请使用较小面额或信用卡。",
                    "機器暫時無法為\(y)找零，已退還。請使用較小面額或信用卡。")
        case .cardDeclined(let why):
            let (ja, hans, hant) = why.words
            return (ja + "別のお支払い方法をお選びください。", hans + "请选择其他付款方式。", hant + "請選擇其他付款方式。")
        case .wrongPIN(let left):
            return ("暗証番号が違います。あと\(left)回お試しいただけます。", "密码错误。还可以再试\(left)次。", "密碼錯誤。還可以再試\(left)次。")
        case .walletCodeUnknown:
            return ("このコードはご利用いただけません。Alipay、WeChat Pay、PayPayのコードをお見せください。",
                    "此付款码无法使用。请出示支付宝、微信支付或PayPay的付款码。", "此付款碼無法使用。請出示支付寶、微信支付或PayPay的付款碼。")
        case .walletDeclined(let why):
            let (ja, hans, hant) = why == .balance
                ? ("残高不足のため決済できませんでした。", "余额不足，付款未成功。", "餘額不足，付款未成功。")
                : ("決済が承認されませんでした。", "付款未被批准。", "付款未被核准。")
            return (ja + "別のお支払い方法をお選びください。", hans + "请选择其他付款方式。", hant + "請選擇其他付款方式。")
        case .walletNotConfirmed:
            return ("アプリで時間内に確認されなかったため、決済を取り消しました。お支払いは発生していません。",
                    "未在时限内于应用中确认，付款已取消。您未被扣款。", "未在時限內於應用程式中確認，付款已取消。您未被扣款。")
        case .machineInUse:
            return ("この端末は別のキオスクのプログラムが使用中です。別の端末を選ぶか、そちらを終了してください。",
                    "此机器正被另一个自助终端程序使用。请选择其他机器，或先关闭那个程序。",
                    "此機器正被另一個自助終端程式使用。請選擇其他機器，或先關閉那個程式。")
        case .cardTimedOut:
            return ("カード決済が完了しませんでした（応答なし）。料金は請求されていません。",
                    "信用卡付款未完成（无响应），您未被扣款。", "信用卡付款未完成（無回應），您未被扣款。")
        case .cardNotAccepted:
            return ("このカードはご利用いただけません。", "此卡无法在此使用。", "此卡無法在此使用。")
        case .noPaper:
            return ("レシート用紙が切れています。チャージはできます。レシートは係員が再発行できます。",
                    "收据纸已用完：仍可充值，店员可以补打收据。", "收據紙已用完：仍可儲值，店員可以補印收據。")
        case .staff(let why):
            return (why, why, why)
        case .slipRefused(let no, .unknown):
            return ("申込券 \(no) は見つかりません。", "找不到申请单 \(no)。", "找不到申請單 \(no)。")
        case .slipRefused(let no, .alreadyPaid):
            return ("申込券 \(no) はお支払い済みです。", "申请单 \(no) 已付款。", "申請單 \(no) 已付款。")
        case .slipRefused(let no, .voided):
            return ("申込券 \(no) は取消済みです。", "申请单 \(no) 已作废。", "申請單 \(no) 已作廢。")
        case .slipRefused(let no, .expired(let at)):
            let t = JapanTime.clock(at)
            return ("申込券 \(no) は \(t) に有効期限が切れました。端末で新しい申込券を発行してください。",
                    "申请单 \(no) 已于 \(t) 过期，请在机器上重新打印。", "申請單 \(no) 已於 \(t) 過期，請在機器上重新列印。")
        case .slipVoided(let no):
            return ("申込券 \(no) を取り消しました。", "申请单 \(no) 已作废。", "申請單 \(no) 已作廢。")
        case .paymentUnavailable:
            return ("このお支払い方法はこの端末ではご利用いただけません。", "此机器不支持这种付款方式。", "此機器不支援這種付款方式。")
        }
    }
}

extension SIMNumberRejection {
    fileprivate var words: (String, String, String) {
        switch self {
        case .empty: return ("SIMの電話番号、またはSIMカードに印字されたICCIDを入力してください。", "请输入SIM卡的电话号码或卡上印的ICCID。", "請輸入SIM卡的電話號碼或卡上印的ICCID。")
        case .notADigit(let c): return ("「\(c)」は数字ではありません。0〜9をお使いください。", "“\(c)”不是数字，请只输入0–9。", "「\(c)」不是數字，請只輸入0–9。")
        case .tooShort(let n): return ("\(n)桁足りません。", "少了\(n)位数字。", "少了\(n)位數字。")
        case .tooLong(let n): return ("\(n)桁多すぎます。", "多了\(n)位数字。", "多了\(n)位數字。")
        case .missingLeadingZero: return ("日本の携帯番号は070・080・090で始まります。", "日本手机号码以070、080或090开头。", "日本手機號碼以070、080或090開頭。")
        case .notAMobileNumber: return ("携帯電話の番号ではありません。070・080・090で始まる番号です。", "不是手机号码：必须以070、080或090开头。", "不是手機號碼：必須以070、080或090開頭。")
        case .notJapanese: return ("日本の番号ではありません。+81で始まる番号です。", "不是日本号码：必须以+81开头。", "不是日本號碼：必須以+81開頭。")
        case .zeroAfterCountryCode: return ("+81の後は最初の0を付けずに入力してください（+81 90-1234-5678）。", "+81后面请省略开头的0：+81 90-1234-5678。", "+81後面請省略開頭的0：+81 90-1234-5678。")
        case .notAJapaneseSIM: return ("日本のSIMではありません。ICCIDは8981で始まります。", "不是日本SIM卡：ICCID以8981开头。", "不是日本SIM卡：ICCID以8981開頭。")
        case .checkDigitMismatch: return ("チェックディジットが一致しません。カードのICCIDをご確認ください。", "校验位不符，请核对卡上的ICCID。", "檢查碼不符，請核對卡上的ICCID。")
        }
    }
}

extension AccountRefusal {
    fileprivate var words: (String, String, String) {
        switch self {
        case .unknown: return ("この番号はチャージできるプリペイドSIMではありません。番号をご確認ください。", "此号码不是可充值的预付SIM卡，请核对号码。", "此號碼不是可儲值的預付SIM卡，請核對號碼。")
        case .postpaid: return ("月額契約（ポストペイド）のSIMです。ここではチャージできません。", "这是月付（后付费）合约，无法在此充值。", "這是月付（後付費）合約，無法在此儲值。")
        case .suspended: return ("このSIMは利用停止中です。通信会社にお問い合わせください。", "此SIM卡已停用，请联系运营商。", "此SIM卡已停用，請聯絡電信業者。")
        case .expiredBeyondGrace(let d): return ("このSIMは\(d)に期限切れとなり、チャージできません。", "此SIM卡已于\(d)过期，无法再充值。", "此SIM卡已於\(d)過期，無法再儲值。")
        }
    }
}

extension CardDecline {
    fileprivate var words: (String, String, String) {
        switch self {
        case .insufficientFunds: return ("カードが承認されませんでした（残高不足）。", "信用卡被拒绝：余额不足。", "信用卡被拒絕：餘額不足。")
        case .doNotHonour, .lostOrStolen: return ("カード会社によりお取引が承認されませんでした。", "发卡行拒绝了此交易。", "發卡行拒絕了此交易。")
        case .expired: return ("カードの有効期限が切れています。", "此卡已过期。", "此卡已過期。")
        case .unreadable: return ("カードを読み取れませんでした。", "无法读取此卡。", "無法讀取此卡。")
        case .pinTriesExceeded: return ("暗証番号を3回間違えたため、このカードは本日ご利用いただけません。", "密码已错误三次，此卡今天无法使用。", "密碼已錯誤三次，此卡今天無法使用。")
        }
    }
}
