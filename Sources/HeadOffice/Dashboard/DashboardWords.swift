import Foundation
import Receipt

/// Every label of the dashboard in the four languages, one row per label.
public enum Word: CaseIterable, Sendable {
    case title, signIn, name, password, signOut, chain, chains, stores, store, area, sales, count, tax
    case byStore, byCarrierPlan, byHour, refundsOwed, silentStores, silentNote, neverPushed, lastPush
    case terminals, terminal, inService, outOfService, paper, changeLow, lastSale, openRefunds
    case zReports, zReport, number, businessDate, closedAt, expected, counted, overShort, pdf
    case day, show, previousDay, nextDay, carrier, plan, hour, live, wrongPassword, throttled
    case silent, peak, noSales, none, yes, no, allStores, unknown, lastRow, notFound

    /// English, Japanese, Simplified and Traditional Chinese.
    var forms: (String, String, String, String) {
        switch self {
        case .title: return ("HQ dashboard", "本部ダッシュボード", "总部仪表板", "總部儀表板")
        case .signIn: return ("Sign in", "サインイン", "登录", "登入")
        case .name: return ("Name", "名前", "用户名", "使用者名稱")
        case .password: return ("Password", "パスワード", "密码", "密碼")
        case .signOut: return ("Sign out", "サインアウト", "退出", "登出")
        case .chain: return ("Chain", "チェーン", "连锁", "連鎖")
        case .chains: return ("Chains", "チェーン一覧", "连锁列表", "連鎖列表")
        case .stores: return ("Stores", "店舗", "门店", "門市")
        case .store: return ("Store", "店舗", "门店", "門市")
        case .area: return ("Area", "エリア", "地区", "地區")
        case .sales: return ("Sales", "売上", "销售额", "銷售額")
        case .count: return ("Sales count", "件数", "笔数", "筆數")
        case .tax: return ("Tax included", "内消費税", "含税", "含稅")
        case .byStore: return ("Sales by store", "店舗別売上", "各门店销售额", "各門市銷售額")
        case .byCarrierPlan: return ("By carrier and plan", "キャリア・プラン別", "按运营商和套餐", "按電信業者與方案")
        case .byHour: return ("By hour (JST)", "時間帯別（日本時間）", "按小时（日本时间）", "按小時（日本時間）")
        case .refundsOwed: return ("Refunds still owed", "未払いの返金", "尚未退款", "尚未退款")
        case .silentStores: return ("Silent stores", "送信の途絶えた店舗", "未上传的门店", "未上傳的門市")
        case .silentNote: return ("Nothing pushed for more than %d hours", "%d時間以上送信なし", "超过%d小时未上传", "超過%d小時未上傳")
        case .neverPushed: return ("never pushed", "未送信", "从未上传", "從未上傳")
        case .lastPush: return ("Last push", "最終送信", "最后上传", "最後上傳")
        case .terminals: return ("Terminals as last pushed", "端末（最終送信時点）", "终端（最后上传时）", "終端機（最後上傳時）")
        case .terminal: return ("Terminal", "端末", "终端", "終端機")
        case .inService: return ("In service", "稼働中", "运行中", "運作中")
        case .outOfService: return ("Out of service", "休止中", "停止服务", "停止服務")
        case .paper: return ("Paper", "用紙", "纸张", "紙張")
        case .changeLow: return ("Change low", "釣銭不足", "零钱不足", "零錢不足")
        case .lastSale: return ("Last sale", "最終取引", "最后交易", "最後交易")
        case .openRefunds: return ("Open refunds", "未払い返金", "未结退款", "未結退款")
        case .zReports: return ("Z reports", "Zレポート", "Z报表", "Z報表")
        case .zReport: return ("Z report", "Zレポート", "Z报表", "Z報表")
        case .number: return ("No.", "番号", "编号", "編號")
        case .businessDate: return ("Business day", "営業日", "营业日", "營業日")
        case .closedAt: return ("Closed", "締め時刻", "结账时间", "結帳時間")
        case .expected: return ("Expected cash", "理論現金", "应有现金", "應有現金")
        case .counted: return ("Counted", "実査", "清点", "清點")
        case .overShort: return ("Over/short", "過不足", "长短款", "長短款")
        case .pdf: return ("PDF", "PDF", "PDF", "PDF")
        case .day: return ("Business day", "営業日", "营业日", "營業日")
        case .show: return ("Show", "表示", "显示", "顯示")
        case .previousDay: return ("Previous day", "前日", "前一天", "前一天")
        case .nextDay: return ("Next day", "翌日", "后一天", "後一天")
        case .carrier: return ("Carrier", "キャリア", "运营商", "電信業者")
        case .plan: return ("Plan", "プラン", "套餐", "方案")
        case .hour: return ("Hour", "時", "时", "時")
        case .live: return ("Live: new pushes appear by themselves", "自動更新中", "实时更新", "即時更新")
        case .wrongPassword: return ("The name or password is wrong.", "名前またはパスワードが違います。", "用户名或密码错误。", "使用者名稱或密碼錯誤。")
        case .throttled: return ("Too many wrong passwords: try again in %d s.", "パスワードの誤りが続いたため、%d秒後にお試しください。", "密码错误次数过多，请%d秒后再试。", "密碼錯誤次數過多，請%d秒後再試。")
        case .silent: return ("silent", "送信途絶", "未上传", "未上傳")
        case .peak: return ("peak", "最大", "最高", "最高")
        case .noSales: return ("No sales on this day.", "この日の売上はありません。", "当天没有销售。", "當天沒有銷售。")
        case .none: return ("none", "なし", "无", "無")
        case .yes: return ("yes", "はい", "是", "是")
        case .no: return ("no", "いいえ", "否", "否")
        case .allStores: return ("All stores", "全店舗", "全部门店", "全部門市")
        case .unknown: return ("unknown", "不明", "未知", "未知")
        case .lastRow: return ("Last row", "最終記録", "最后记录", "最後記錄")
        case .notFound: return ("Not found.", "見つかりません。", "未找到。", "找不到。")
        }
    }
}

extension Language {
    func callAsFunction(_ word: Word) -> String {
        let f = word.forms
        switch self {
        case .en: return f.0
        case .ja: return f.1
        case .zhHans: return f.2
        case .zhHant: return f.3
        }
    }

    /// A label with one number in it (`%d`).
    func callAsFunction(_ word: Word, _ n: Int) -> String {
        self(word).replacingOccurrences(of: "%d", with: String(n))
    }

    /// The `lang` attribute of the page.
    var htmlTag: String { rawValue }
}
