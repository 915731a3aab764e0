import Foundation
import Hummingbird
import Kiosk
import NIOCore
import Receipt

/// What the dashboard shows besides HQ's books: the stores' names and terminals (from the
/// fixtures) and when a store counts as silent.
public struct DashboardSettings: Sendable {
    /// The fixtures' catalogue: names of chains, stores, carriers and plans, and which
    /// terminals are registers, as the stores print them.
    public var catalogue: Catalogue
    public var directory: StoreDirectory
    public var silentHours: Int
    /// The kiosk's rule for a cash unit's counts (by denomination) that say "change low".
    public var changeLow: @Sendable ([Int: Int]) -> Bool
    /// Set by the server when it speaks HTTPS: cookies are then sent over HTTPS only.
    var secureCookies = false

    public init(catalogue: Catalogue, silentHours: Int, changeLow: @escaping @Sendable ([Int: Int]) -> Bool) {
        self.catalogue = catalogue
        directory = catalogue.storeDirectory
        self.silentHours = silentHours
        self.changeLow = changeLow
    }
}

/// The dashboard's pages and `/v1/reports/...`. Handlers are thin: read the request, ask
/// `HeadOffice` for the numbers, render.
struct DashboardController {
    let hq: HeadOffice
    let settings: DashboardSettings
    private var directory: StoreDirectory { settings.directory }

    func addRoutes(to router: Router<PushContext>) {
        router.get("assets/dashboard.css") { _, _ in DashboardResponse.asset(Assets.css, type: "text/css; charset=utf-8") }
        router.get("assets/live.js") { _, _ in DashboardResponse.asset(Assets.liveScript, type: "text/javascript; charset=utf-8") }
        router.get("sign-in", use: signInForm)
        router.post("sign-in", use: signIn)
        let staff = router.group().add(middleware: StaffSessionMiddleware(hq: hq))
        staff.get("/", use: home)
        staff.get("chains/:chain", use: chainPage)
        staff.get("stores/:store", use: storePage)
        staff.get("stores/:store/z/:terminal/:number", use: zPage)
        staff.get("stores/:store/z/:terminal/:number/pdf", use: zPDF)
        staff.post("sign-out", use: signOut)
        staff.get("v1/reports/changes", use: changes)
        staff.get("v1/reports/chains/:chain", use: chainJSON)
        staff.get("v1/reports/stores/:store", use: storeJSON)
        staff.get("v1/reports/stores/:store/z/:terminal/:number", use: zJSON)
    }

    // MARK: - Signing in and out

    @Sendable func signInForm(_ request: Request, context: PushContext) async throws -> Response {
        let csrf = HeadOffice.hex(PushToken.randomBytes(32))
        let (frame, language) = self.frame(request, session: nil)
        let next = NextPage.safe(request.uri.queryParameters["next"].map(String.init))
        var response = DashboardResponse.html(SignInPage.render(frame, csrf: csrf, next: next, error: nil))
        response.setCookie(DashboardCookie.make(DashboardCookie.form, csrf, secure: settings.secureCookies))
        remember(language, request, &response)
        return response
    }

    @Sendable func signIn(_ request: Request, context: PushContext) async throws -> Response {
        let (frame, _) = self.frame(request, session: nil)
        let body = try await request.body.collect(upTo: 16 * 1024)
        let fields = FormFields.parse(String(buffer: body))
        guard SameOrigin.check(request), let cookie = request.cookies[DashboardCookie.form]?.value,
              sameToken(cookie, fields["csrf"] ?? "") else {
            return DashboardResponse.text("The sign-in form came from another site or has expired; open /sign-in again.", status: .forbidden)
        }
        let name = fields["name"] ?? ""
        let next = NextPage.safe(fields["next"])
        let outcome: SignInOutcome
        do {
            outcome = try await hq.signIn(name: name, password: fields["password"] ?? "")
        } catch {
            return DashboardResponse.unavailable(error, json: false)
        }
        let t = frame.language
        switch outcome {
        case .signedIn(let token, _):
            var response = DashboardResponse.redirect(next)
            response.setCookie(DashboardCookie.make(DashboardCookie.session, token, secure: settings.secureCookies))
            response.setCookie(DashboardCookie.make(DashboardCookie.form, "", maxAge: 0, secure: settings.secureCookies))
            return response
        case .refused:
            return DashboardResponse.html(SignInPage.render(frame, csrf: cookie, next: next, error: t(.wrongPassword), name: name), status: .unauthorized)
        case .throttled(let seconds):
            var response = DashboardResponse.html(SignInPage.render(frame, csrf: cookie, next: next, error: t(.throttled, seconds), name: name),
                                                  status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
    }

    @Sendable func signOut(_ request: Request, context: PushContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 16 * 1024)
        guard let session = context.staff, let token = context.sessionToken,
              sameToken(session.csrf, FormFields.parse(String(buffer: body))["csrf"] ?? "") else {
            return DashboardResponse.text("The sign-out form came from another site.", status: .forbidden)
        }
        do { try await hq.signOut(token: token) } catch { return DashboardResponse.unavailable(error, json: false) }
        var response = DashboardResponse.redirect("/sign-in")
        response.setCookie(DashboardCookie.make(DashboardCookie.session, "", maxAge: 0, secure: settings.secureCookies))
        return response
    }

    // MARK: - Pages

    @Sendable func home(_ request: Request, context: PushContext) async throws -> Response {
        let chain = directory.chains.first { !directory.stores(ofChain: $0.id).isEmpty } ?? directory.chains.first
        guard let chain else { return DashboardResponse.text("The fixtures name no chain.", status: .notFound) }
        return DashboardResponse.redirect("/chains/\(chain.id)")
    }

    @Sendable func chainPage(_ request: Request, context: PushContext) async throws -> Response {
        let (frame, language) = self.frame(request, session: context.staff)
        guard let chain = directory.chain(context.parameters.get("chain") ?? "") else {
            return notFound(frame, "No chain of that id.")
        }
        let stores = directory.stores(ofChain: chain.id)
        do {
            guard let day = try await day(request, stores: stores) else { return badDay(request) }
            let data = try await hq.chainDay(chainId: chain.id, stores: stores.map(\.id), day: day, silentHours: settings.silentHours)
            var response = DashboardResponse.html(ChainPage.render(frame, chain: chain, stores: stores, data: data))
            remember(language, request, &response)
            return response
        } catch {
            return DashboardResponse.unavailable(error, json: false)
        }
    }

    @Sendable func storePage(_ request: Request, context: PushContext) async throws -> Response {
        let (frame, language) = self.frame(request, session: context.staff)
        guard let id = StoreID(rawValue: context.parameters.get("store") ?? ""), let store = directory.store(id) else {
            return notFound(frame, "No store of that id.")
        }
        do {
            guard let day = try await day(request, stores: [id]) else { return badDay(request) }
            let data = try await hq.storeOnDay(id, day: day, silentHours: settings.silentHours, changeLow: settings.changeLow)
            var response = DashboardResponse.html(StorePage.render(frame, store: store, chain: directory.chain(store.chainId), data: data))
            remember(language, request, &response)
            return response
        } catch {
            return DashboardResponse.unavailable(error, json: false)
        }
    }

    /// The Z a path names: its store (known to the fixtures) and the Z, or nil.
    private func z(_ context: PushContext) async throws -> (StoreID, StoreDirectory.Store, HQZReport)? {
        guard let id = StoreID(rawValue: context.parameters.get("store") ?? ""), let store = directory.store(id),
              let terminal = context.parameters.get("terminal"), let number = context.parameters.get("number").flatMap(Int.init),
              number > 0 else { return nil }
        return try await hq.zReport(store: id, terminal: terminal, number: number).map { (id, store, $0) }
    }

    /// The Z laid out as the store printed it: its replayed report through the kiosk's layout.
    private func printedZ(_ id: StoreID, _ z: HQZReport, _ language: Language) async throws -> Document {
        let report = try await hq.storeZ(z, store: id, isRegister: settings.catalogue.register(z.terminalId) != nil)
        return report.document(catalogue: settings.catalogue, language: language)
    }

    @Sendable func zPage(_ request: Request, context: PushContext) async throws -> Response {
        let (frame, language) = self.frame(request, session: context.staff)
        do {
            guard let (id, store, z) = try await z(context) else { return notFound(frame, "HQ holds no Z report of that number.") }
            let printed = try await printedZ(id, z, frame.language)
            var response = DashboardResponse.html(ZPage.render(frame, storeId: id, store: store, z: z, printed: printed))
            remember(language, request, &response)
            return response
        } catch {
            return DashboardResponse.unavailable(error, json: false)
        }
    }

    /// The Z through the receipt's PDF renderer, in the reader's language's font.
    @Sendable func zPDF(_ request: Request, context: PushContext) async throws -> Response {
        let (frame, _) = self.frame(request, session: context.staff)
        do {
            guard let (id, _, z) = try await z(context) else { return notFound(frame, "HQ holds no Z report of that number.") }
            let pdf = PDFRenderer(language: frame.language).render(try await printedZ(id, z, frame.language))
            var response = DashboardResponse.bytes(Array(pdf), type: "application/pdf")
            response.headers[.contentDisposition] = "inline; filename=\"\(id.rawValue)-\(z.terminalId)-z\(z.number).pdf\""
            return response
        } catch {
            return DashboardResponse.unavailable(error, json: false)
        }
    }

    // MARK: - JSON

    @Sendable func zJSON(_ request: Request, context: PushContext) async throws -> Response {
        do {
            guard let (id, _, z) = try await z(context) else {
                return DashboardResponse.json(["error": "HQ holds no Z report of that number."], status: .notFound)
            }
            return DashboardResponse.json(ReportsJSON.ZLine(id, z))
        } catch {
            return DashboardResponse.unavailable(error, json: true)
        }
    }

    @Sendable func changes(_ request: Request, context: PushContext) async throws -> Response {
        do { return DashboardResponse.json(ReportsJSON.Changes(mark: try await hq.pushMark())) } catch {
            return DashboardResponse.unavailable(error, json: true)
        }
    }

    @Sendable func chainJSON(_ request: Request, context: PushContext) async throws -> Response {
        guard let chain = directory.chain(context.parameters.get("chain") ?? "") else {
            return DashboardResponse.json(["error": "No chain of that id."], status: .notFound)
        }
        let stores = directory.stores(ofChain: chain.id)
        do {
            guard let day = try await day(request, stores: stores) else { return badDay(request, json: true) }
            let data = try await hq.chainDay(chainId: chain.id, stores: stores.map(\.id), day: day, silentHours: settings.silentHours)
            return DashboardResponse.json(ReportsJSON.chain(data, stores: stores))
        } catch {
            return DashboardResponse.unavailable(error, json: true)
        }
    }

    @Sendable func storeJSON(_ request: Request, context: PushContext) async throws -> Response {
        guard let id = StoreID(rawValue: context.parameters.get("store") ?? ""), let store = directory.store(id) else {
            return DashboardResponse.json(["error": "No store of that id."], status: .notFound)
        }
        do {
            guard let day = try await day(request, stores: [id]) else { return badDay(request, json: true) }
            let data = try await hq.storeOnDay(id, day: day, silentHours: settings.silentHours, changeLow: settings.changeLow)
            return DashboardResponse.json(ReportsJSON.store(data, name: store.name.en))
        } catch {
            return DashboardResponse.unavailable(error, json: true)
        }
    }

    // MARK: - Reading the request

    /// `?day=`, or the latest day any of `stores` sold on, or today in Japan; nil for a bad `day`.
    private func day(_ request: Request, stores: [StoreDirectory.Store]) async throws -> String? {
        try await day(request, stores: stores.map(\.id))
    }

    private func day(_ request: Request, stores: [StoreID]) async throws -> String? {
        if let asked = request.uri.queryParameters["day"].map(String.init), !asked.isEmpty {
            return BusinessDay.isValid(asked) ? asked : nil
        }
        return try await hq.latestBusinessDay(stores) ?? BusinessDay.today()
    }

    private func badDay(_ request: Request, json: Bool = false) -> Response {
        let sentence = "\"\(request.uri.queryParameters["day"].map(String.init) ?? "")\" is not a business day like 2026-11-25."
        return json ? DashboardResponse.json(["error": sentence], status: .badRequest) : DashboardResponse.text(sentence, status: .badRequest)
    }

    private func notFound(_ frame: PageFrame, _ sentence: String) -> Response {
        DashboardResponse.html(frame.page(title: frame.language(.notFound), live: false, "<h1>\(frame.language(.notFound))</h1><p>\(sentence)</p>"),
                               status: .notFound)
    }

    /// The reader's language: `?lang=` (remembered in a cookie), the cookie, or Accept-Language.
    private func frame(_ request: Request, session: StaffSession?) -> (PageFrame, Language?) {
        let asked = request.uri.queryParameters["lang"].flatMap { Language(rawValue: String($0)) }
        let language = asked ?? request.cookies[DashboardCookie.language].flatMap { Language(rawValue: $0.value) }
            ?? Language.preferred(acceptLanguage: request.headers[.acceptLanguage])
        var here = URLComponents()
        here.path = request.uri.path
        let items = request.uri.queryParameters.filter { $0.key != "lang" }.map { URLQueryItem(name: String($0.key), value: String($0.value)) }
        here.queryItems = items.isEmpty ? nil : items
        return (PageFrame(language: language, session: session, here: here.string ?? request.uri.path, chains: directory.chains), asked)
    }

    private func remember(_ language: Language?, _ request: Request, _ response: inout Response) {
        if let language { response.setCookie(DashboardCookie.make(DashboardCookie.language, language.rawValue, maxAge: 365 * 86400, secure: settings.secureCookies)) }
    }
}
