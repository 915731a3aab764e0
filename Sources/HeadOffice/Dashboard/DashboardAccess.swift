import Foundation
import Hummingbird

/// The session cookie and the checks every dashboard request passes: a page or report answers
/// only a signed-in member of staff (a store's push token opens nothing here), and a form
/// posted from another site is refused.
enum DashboardCookie {
    static let session = "kiosk_session"
    /// The sign-in form's token against cross-site posts, before there is a session.
    static let form = "kiosk_form"
    static let language = "kiosk_lang"

    /// HttpOnly (no script reads it) and SameSite=Strict (no other site's request carries it);
    /// Secure when the service speaks HTTPS.
    static func make(_ name: String, _ value: String, maxAge: Int? = nil, secure: Bool) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}

struct StaffSessionMiddleware: RouterMiddleware {
    typealias Context = PushContext
    let hq: HeadOffice

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let token = request.cookies[DashboardCookie.session]?.value
        var session: StaffSession?
        if let token, !token.isEmpty {
            do {
                session = try await hq.session(token: token)
            } catch {
                return DashboardResponse.unavailable(error, json: request.uri.path.hasPrefix("/v1/"))
            }
        }
        guard let session, let token else {
            // A store's push token (or any other credential) opens no page: 401, not the sign-in form.
            if request.uri.path.hasPrefix("/v1/") || request.headers[.authorization] != nil {
                return DashboardResponse.json(["error": "The reports need an HQ staff session: sign in at /sign-in."], status: .unauthorized)
            }
            guard request.method == .get else { return DashboardResponse.redirect("/sign-in") }
            var plain = CharacterSet.alphanumerics
            plain.insert(charactersIn: "-._~/")
            let next = request.uri.description.addingPercentEncoding(withAllowedCharacters: plain) ?? "/"
            return DashboardResponse.redirect("/sign-in?next=" + next)
        }
        if request.method == .post {
            guard SameOrigin.check(request) else {
                return DashboardResponse.text("The form came from another site.", status: .forbidden)
            }
        }
        var context = context
        context.staff = session
        context.sessionToken = token
        return try await next(request, context)
    }
}

/// A browser names the page a form was posted from; one from another origin is refused.
enum SameOrigin {
    static func check(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        guard let host = request.head.authority else { return false }
        return origin == "http://\(host)" || origin == "https://\(host)"
    }
}

/// Where to go after signing in: a path of this site only (never `//host` or a full URL, which
/// would let a link send staff elsewhere).
enum NextPage {
    static func safe(_ text: String?) -> String {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"),
              !text.unicodeScalars.contains(where: { $0.value < 0x21 }) else { return "/" }
        return text
    }
}

/// A url-encoded form's fields.
enum FormFields {
    static func parse(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }
}

/// Tokens compared in constant time.
func sameToken(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count, !x.isEmpty else { return false }
    return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
}
