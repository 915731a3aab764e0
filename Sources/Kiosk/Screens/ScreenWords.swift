import Receipt

/// Every word a customer screen shows, in the four languages. A missing translation is a
/// compile error, not an English word on a Japanese screen.
enum Say {
    case topUpYourSIM, touchToStart, chooseLanguage
    case findTheMachine, chain, store, machine, useThisMachine, inService, outOfService, paidAtTheRegister
    case paperOK, noPaper, changeLow, whereItStands, floorPlan, machineMarked
    case enterNumber, numberHint, delete, clear, ok
    case lookingUp, yourSIM, simNumber, plan, carrier, prepaid, currentExpiry, inGrace, next
    case choosePlan, newExpiry, choosePayment, cash, card, amount
    case insertCash, amountDue, inserted, stillToPay, changeToCome, devices, presentCard, presentYourCard
    case pleaseWait, authorising, toppingUp, dispensing, returning, voiding, printing
    case done, takeChange, changeOwed, receiptFile, receiptNotPrinted, finish
    case refundTitle, returned, owed, slip, noCharge, cancelledTitle, takeCash
    case carrierError, carrierRefused, carrierSilent, cancelledByCustomer, timedOut, machineStopped, cashStuck
    case interrupted, cardDeclinedReason, cardNoAnswer, changeNotPaid
    case outOfServiceTitle, useAnother, moneyRecorded, forStaff, staff, enterPIN, chooseStaffName
    case back, cancel, start, returningIn, enlarge
    case wallet, showCode, scanCode, cardPIN, pinHint, confirmInApp, confirmHint, secondsLeft, payingByWallet,
         refundingWallet, more, walletDeclinedReason, walletNotConfirmed
    case payAtRegister, slipNumber, scanSlip, scanSlipHint, voidSlip, takeSlip, payBy, notToppedUpYet, slipNotPrinted

    func `in`(_ language: Language) -> String {
        let t = words
        switch language {
        case .en: return t.0
        case .ja: return t.1
        case .zhHans: return t.2
        case .zhHant: return t.3
        }
    }

    private var words: (String, String, String, String) {
        switch self {
        case .topUpYourSIM: return ("Top up your SIM", "SIMチャージ", "SIM卡充值", "SIM卡儲值")
        case .touchToStart: return ("Touch Start to begin", "スタートを押してください", "请按开始", "請按開始")
        case .chooseLanguage: return ("Language", "言語", "语言", "語言")
        case .findTheMachine: return ("Find the machine", "端末をさがす", "查找机器", "尋找機器")
        case .chain: return ("Chain", "チェーン", "连锁店", "連鎖店")
        case .store: return ("Store", "店舗", "门店", "門市")
        case .machine: return ("Machine", "端末", "机器", "機器")
        case .useThisMachine: return ("Use this machine", "この端末を使う", "使用此机器", "使用此機器")
        case .inService: return ("In service", "利用可能", "可以使用", "可以使用")
        case .outOfService: return ("Out of service", "休止中", "暂停服务", "暫停服務")
        case .paidAtTheRegister: return ("Pay at the register", "レジでお支払い", "到收银台付款", "到收銀台付款")
        case .paperOK: return ("Receipt paper OK", "レシート用紙あり", "收据纸充足", "收據紙充足")
        case .noPaper: return ("No receipt paper", "レシート用紙切れ", "收据纸用完", "收據紙用完")
        case .changeLow: return ("Change running low", "釣銭残りわずか", "零钱不足", "零錢不足")
        case .whereItStands: return ("Where it stands", "設置場所", "位置", "位置")
        case .floorPlan: return ("Floor plan", "店内図", "店内平面图", "店內平面圖")
        case .machineMarked: return ("K = the machine", "K = 端末", "K = 机器", "K = 機器")
        case .enterNumber: return ("Enter your SIM number", "SIM番号を入力してください", "请输入SIM号码", "請輸入SIM號碼")
        case .numberHint: return ("Phone number (070/080/090…) or the ICCID on the SIM card",
                                  "電話番号（070/080/090…）またはSIMカードのICCID",
                                  "电话号码（070/080/090…）或SIM卡上的ICCID",
                                  "電話號碼（070/080/090…）或SIM卡上的ICCID")
        case .delete: return ("Delete", "1字消す", "删除", "刪除")
        case .clear: return ("Clear", "クリア", "清除", "清除")
        case .ok: return ("OK", "確定", "确定", "確定")
        case .lookingUp: return ("Looking up your SIM…", "SIMを確認しています…", "正在查询SIM卡…", "正在查詢SIM卡…")
        case .yourSIM: return ("Your SIM", "お客様のSIM", "您的SIM卡", "您的SIM卡")
        case .simNumber: return ("SIM number", "SIM番号", "SIM号码", "SIM號碼")
        case .plan: return ("Plan", "プラン", "套餐", "方案")
        case .carrier: return ("Carrier", "通信会社", "运营商", "電信業者")
        case .prepaid: return ("Prepaid", "プリペイド", "预付", "預付")
        case .currentExpiry: return ("Valid until", "有効期限", "有效期至", "有效期至")
        case .inGrace: return ("Expired, still in the grace period", "期限切れ（猶予期間中）", "已过期（宽限期内）", "已過期（寬限期內）")
        case .next: return ("Next", "次へ", "下一步", "下一步")
        case .choosePlan: return ("Choose an amount", "金額を選んでください", "请选择金额", "請選擇金額")
        case .newExpiry: return ("New expiry", "新しい有効期限", "新有效期", "新有效期")
        case .choosePayment: return ("How would you like to pay?", "お支払い方法を選んでください", "请选择付款方式", "請選擇付款方式")
        case .cash: return ("Cash", "現金", "现金", "現金")
        case .card: return ("Card", "クレジットカード", "信用卡", "信用卡")
        case .amount: return ("Amount", "金額", "金额", "金額")
        case .insertCash: return ("Insert coins or bills", "硬貨または紙幣を入れてください", "请投入硬币或纸币", "請投入硬幣或紙鈔")
        case .amountDue: return ("Amount", "ご請求額", "应付金额", "應付金額")
        case .inserted: return ("Inserted", "投入金額", "已投入", "已投入")
        case .stillToPay: return ("Still to pay", "不足額", "还需支付", "還需支付")
        case .changeToCome: return ("Change", "お釣り", "找零", "找零")
        case .devices: return ("Simulated devices", "模擬デバイス", "模拟设备", "模擬裝置")
        case .presentCard: return ("Present card", "カードをかざす", "出示卡片", "出示卡片")
        case .presentYourCard: return ("Insert or tap your card", "カードを挿入またはタッチしてください", "请插入或轻触您的卡", "請插入或輕觸您的卡")
        case .pleaseWait: return ("Please wait", "お待ちください", "请稍候", "請稍候")
        case .authorising: return ("Asking your card issuer…", "カード会社に確認しています…", "正在向发卡行确认…", "正在向發卡行確認…")
        case .toppingUp: return ("Topping up your SIM…", "チャージしています…", "正在充值…", "正在儲值…")
        case .dispensing: return ("Paying out your change…", "お釣りをお出ししています…", "正在找零…", "正在找零…")
        case .returning: return ("Returning your cash…", "現金をお返ししています…", "正在退还现金…", "正在退還現金…")
        case .voiding: return ("Cancelling the card payment…", "カード決済を取り消しています…", "正在撤销信用卡付款…", "正在撤銷信用卡付款…")
        case .printing: return ("Printing your receipt…", "レシートを印刷しています…", "正在打印收据…", "正在列印收據…")
        case .done: return ("Top-up complete", "チャージが完了しました", "充值完成", "儲值完成")
        case .takeChange: return ("Please take your change", "お釣りをお取りください", "请取走找零", "請取走找零")
        case .changeOwed: return ("Change the machine could not pay: show your receipt to staff",
                                  "お返しできなかったお釣り：レシートを係員にお見せください",
                                  "机器未能找出的零钱：请向店员出示收据",
                                  "機器未能找出的零錢：請向店員出示收據")
        case .receiptFile: return ("Receipt", "レシート", "收据", "收據")
        case .receiptNotPrinted: return ("The receipt could not be printed; staff can reprint it",
                                         "レシートを印刷できませんでした。係員が再発行できます",
                                         "收据未能打印，店员可以补打",
                                         "收據未能列印，店員可以補印")
        case .finish: return ("Finish", "終了", "完成", "完成")
        case .refundTitle: return ("The top-up did not go through", "チャージできませんでした", "充值未成功", "儲值未成功")
        case .returned: return ("Returned to you", "返金額", "已退还", "已退還")
        case .owed: return ("Owed to you: show the slip to staff", "未返金額：控えを係員にお見せください",
                            "待退金额：请向店员出示退款单", "待退金額：請向店員出示退款單")
        case .slip: return ("Slip", "控え", "退款单", "退款單")
        case .noCharge: return ("You have not been charged.", "料金は請求されていません。", "您未被扣款。", "您未被扣款。")
        case .cancelledTitle: return ("Cancelled", "取り消しました", "已取消", "已取消")
        case .takeCash: return ("Please take your cash", "現金をお取りください", "请取回现金", "請取回現金")
        case .carrierError: return ("The carrier's system reported an error.", "通信会社のシステムでエラーが発生しました。",
                                    "运营商系统出现错误。", "電信業者系統發生錯誤。")
        case .carrierRefused: return ("The carrier refused the top-up.", "通信会社がチャージを受け付けませんでした。",
                                      "运营商拒绝了充值。", "電信業者拒絕了儲值。")
        case .carrierSilent: return ("The carrier did not answer.", "通信会社から応答がありませんでした。",
                                     "运营商没有回应。", "電信業者沒有回應。")
        case .cancelledByCustomer: return ("Cancelled by the customer.", "お客様による取消です。", "顾客已取消。", "顧客已取消。")
        case .timedOut: return ("Timed out: no touch for a while.", "一定時間操作がありませんでした。",
                                "长时间未操作，已超时。", "長時間未操作，已逾時。")
        case .machineStopped: return ("The machine was stopped.", "端末が停止されました。", "机器已停止。", "機器已停止。")
        case .interrupted: return ("The machine restarted during the payment.", "お支払い中に端末が再起動しました。",
                                   "付款过程中机器重新启动。", "付款過程中機器重新啟動。")
        case .cardDeclinedReason: return ("The card was declined.", "カードがご利用いただけませんでした。", "银行卡被拒绝。", "卡片遭拒絕。")
        case .cardNoAnswer: return ("The card payment got no answer.", "カード決済の応答がありませんでした。",
                                    "银行卡支付没有回应。", "卡片付款沒有回應。")
        case .changeNotPaid: return ("The machine could not pay out all the change.", "お釣りを全額お出しできませんでした。",
                                     "机器无法找出全部零钱。", "機器無法找出全部零錢。")
        case .cashStuck: return ("The machine could not give the cash back.", "現金を返却できませんでした。",
                                 "机器无法退还现金。", "機器無法退還現金。")
        case .moneyRecorded: return ("Your %@ is recorded; staff will return it.", "お預かりした%@は記録されています。係員が返金いたします。",
                                     "您的%@已记录，店员将退还给您。", "您的%@已記錄，店員將退還給您。")
        case .forStaff: return ("For staff", "係員向け", "店员信息", "店員資訊")
        case .wallet: return ("Phone wallet", "スマホ決済", "手机支付", "手機支付")
        case .showCode: return ("Show your payment code to the scanner", "お支払いコードをスキャナーにかざしてください",
                                "请将付款码对准扫描器", "請將付款碼對準掃描器")
        case .scanCode: return ("scan a payment code", "支払いコードを読み取る", "扫描付款码", "掃描付款碼")
        case .cardPIN: return ("Enter your card PIN", "カードの暗証番号を入力してください", "请输入银行卡密码", "請輸入卡片密碼")
        case .pinHint: return ("The PIN shows as dots and is never kept.", "暗証番号は「•」で表示され、保存されません。",
                               "密码以「•」显示，不会被保存。", "密碼以「•」顯示，不會被保存。")
        case .confirmInApp: return ("Confirm the payment in your app", "アプリでお支払いを確認してください",
                                    "请在应用中确认付款", "請在應用程式中確認付款")
        case .confirmHint: return ("Open the app on your phone and confirm; the machine is waiting.",
                                   "スマートフォンのアプリを開いて確認してください。端末がお待ちしています。",
                                   "请打开手机应用并确认，机器正在等待。", "請打開手機應用程式並確認，機器正在等待。")
        case .secondsLeft: return ("%d s left", "残り%d秒", "剩余%d秒", "剩餘%d秒")
        case .payingByWallet: return ("Paying by phone wallet…", "スマホ決済中…", "正在通过手机支付…", "正在透過手機支付…")
        case .refundingWallet: return ("Refunding the wallet payment…", "スマホ決済を返金しています…", "正在退回手机支付…", "正在退回手機支付…")
        case .more: return ("More", "次へ", "更多", "更多")
        case .scanSlip: return ("Scan or type the slip number", "申込券のバーコードを読み取るか番号を入力してください",
                                "请扫描或输入申请单编号", "請掃描或輸入申請單編號")
        case .scanSlipHint: return ("The number under the slip's barcode, e.g. LW-SPR-2-S000001.",
                                    "バーコードの下の番号です（例: LW-SPR-2-S000001）。",
                                    "条形码下方的编号，例如 LW-SPR-2-S000001。", "條碼下方的編號，例如 LW-SPR-2-S000001。")
        case .voidSlip: return ("Void slip", "申込券取消", "作废申请单", "作廢申請單")
        case .slipNumber: return ("Slip No.", "申込番号", "申请编号", "申請編號")
        case .payAtRegister: return ("Pay at register", "レジで支払う", "到收银台付款", "到收銀台付款")
        case .takeSlip: return ("Take this slip to the register", "この申込券をレジへお持ちください",
                                "请将此申请单拿到收银台", "請將此申請單拿到收銀台")
        case .payBy: return ("Pay by", "お支払期限", "付款期限", "付款期限")
        case .notToppedUpYet: return ("Your SIM is topped up once you have paid at the register.",
                                      "レジでお支払い後にチャージされます。",
                                      "在收银台付款后即为您充值。", "在收銀台付款後即為您儲值。")
        case .slipNotPrinted: return ("The slip could not be printed; please ask staff.",
                                      "申込券を印刷できませんでした。係員にお声がけください。",
                                      "申请单无法打印，请联系店员。", "申請單無法列印，請聯繫店員。")
        case .walletDeclinedReason: return ("The wallet declined the payment.", "スマホ決済が承認されませんでした。", "手机支付被拒绝。", "手機支付遭拒絕。")
        case .walletNotConfirmed: return ("The payment was not confirmed in the app in time.", "アプリで時間内に確認されませんでした。",
                                          "未在时限内于应用中确认付款。", "未在時限內於應用程式中確認付款。")
        case .outOfServiceTitle: return ("Out of service", "ただいま休止中です", "暂停服务", "暫停服務")
        case .useAnother: return ("Please use another machine or ask staff.", "他の端末をご利用いただくか、係員にお声がけください。",
                                  "请使用其他机器或询问店员。", "請使用其他機器或詢問店員。")
        case .staff: return ("Staff", "係員", "店员", "店員")
        case .enterPIN: return ("Enter the staff PIN", "係員PINを入力", "请输入店员PIN", "請輸入店員PIN")
        case .chooseStaffName: return ("Choose your name, then enter your PIN", "名前を選んでからPINを入力",
                                       "请选择您的名字，然后输入PIN", "請選擇您的名字，然後輸入PIN")
        case .back: return ("Back", "戻る", "返回", "返回")
        case .cancel: return ("Cancel", "取消", "取消", "取消")
        case .start: return ("Start", "スタート", "开始", "開始")
        case .returningIn: return ("Back to the start in %d s", "%d秒後に最初の画面に戻ります", "%d秒后返回首页", "%d秒後返回首頁")
        case .enlarge: return ("Please enlarge the window to at least 80×24.", "ウィンドウを80×24以上に広げてください。",
                               "请将窗口放大到至少80×24。", "請將視窗放大到至少80×24。")
        }
    }
}

extension StopReason {
    /// The screens' words.
    var say: Say {
        switch self {
        case .carrierError: return .carrierError
        case .carrierRefused: return .carrierRefused
        case .carrierSilent: return .carrierSilent
        case .cancelledByCustomer: return .cancelledByCustomer
        case .timedOut: return .timedOut
        case .machineStopped: return .machineStopped
        case .interrupted: return .interrupted
        case .cardDeclined: return .cardDeclinedReason
        case .cardTimedOut: return .cardNoAnswer
        case .changeNotPaid: return .changeNotPaid
        case .walletDeclined: return .walletDeclinedReason
        case .walletNotConfirmed: return .walletNotConfirmed
        }
    }
}
