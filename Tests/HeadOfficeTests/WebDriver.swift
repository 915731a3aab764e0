import ChildProcess
import Foundation

/// Headless Chromium driven over the WebDriver protocol (plain HTTP and JSON to chromedriver),
/// so the test needs nothing beyond Debian's `chromium` and `chromium-driver`.
final class WebDriver {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let process: ChildProcess
    private let base: String
    private var session = ""

    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    /// Starts chromedriver on a free port and opens a headless browser `width` × `height`.
    init(width: Int = 1280, height: Int = 1800) throws {
        guard let driver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].first(where: FileManager.default.fileExists) else {
            throw Failure(description: "chromedriver is not installed (scripts/install-deps.sh installs chromium-driver).")
        }
        let port = HQCluster.freePort()
        process = try ChildProcess(driver, ["--port=\(port)", "--silent"])
        base = "http://127.0.0.1:\(port)"
        let deadline = Date().addingTimeInterval(30)
        while !HQCluster.accepts(port) {
            guard Date() < deadline else { throw Failure(description: "chromedriver did not listen.") }
            Thread.sleep(forTimeInterval: 0.05)
        }
        // As root Chromium runs only without its sandbox.
        let options: [String: Any] = [
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=\(width),\(height)",
                     "--lang=en-GB", "--no-first-run"],
        ]
        let answer = try call("POST", "/session", ["capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": options]]])
        guard let value = answer as? [String: Any], let id = value["sessionId"] as? String else {
            throw Failure(description: "chromedriver opened no session: \(answer)")
        }
        session = id
    }

    func quit() {
        _ = try? call("DELETE", "/session/\(session)", nil)
        process.kill(SIGTERM)
        _ = process.wait(timeout: 10)
    }

    func open(_ url: String) throws { _ = try call("POST", "/session/\(session)/url", ["url": url]) }

    var url: String { get throws { try call("GET", "/session/\(session)/url", nil) as? String ?? "" } }
    var title: String { get throws { try call("GET", "/session/\(session)/title", nil) as? String ?? "" } }

    /// The first element `css` selects.
    func element(_ css: String) throws -> String {
        let value = try call("POST", "/session/\(session)/element", ["using": "css selector", "value": css])
        guard let e = (value as? [String: Any])?[Self.elementKey] as? String else { throw Failure(description: "No element \(css).") }
        return e
    }

    func elements(_ css: String) throws -> [String] {
        let value = try call("POST", "/session/\(session)/elements", ["using": "css selector", "value": css])
        return (value as? [[String: Any]] ?? []).compactMap { $0[Self.elementKey] as? String }
    }

    /// The text of what `css` selects; found again if the page swapped it out meanwhile (a live refresh).
    func text(_ css: String) throws -> String {
        do { return try text(of: try element(css)) } catch let failure as Failure where failure.description.contains("stale element") {
            return try text(of: try element(css))
        }
    }

    func text(of element: String) throws -> String {
        try call("GET", "/session/\(session)/element/\(element)/text", nil) as? String ?? ""
    }

    func attribute(_ name: String, of element: String) throws -> String? {
        try call("GET", "/session/\(session)/element/\(element)/attribute/\(name)", nil) as? String
    }

    func type(_ text: String, into css: String) throws {
        _ = try call("POST", "/session/\(session)/element/\(try element(css))/value", ["text": text])
    }

    func click(_ css: String) throws { try click(element: try element(css)) }

    func click(element: String) throws { _ = try call("POST", "/session/\(session)/element/\(element)/click", [:]) }

    func resize(width: Int, height: Int) throws {
        _ = try call("POST", "/session/\(session)/window/rect", ["width": width, "height": height])
    }

    /// The browser's cookies for the open page, HttpOnly ones included (`name=value; …`).
    var cookieHeader: String {
        get throws {
            let cookies = try call("GET", "/session/\(session)/cookie", nil) as? [[String: Any]] ?? []
            return cookies.compactMap { c in (c["name"] as? String).map { "\($0)=\(c["value"] as? String ?? "")" } }.joined(separator: "; ")
        }
    }

    func run(_ script: String) throws -> Any? {
        try call("POST", "/session/\(session)/execute/sync", ["script": script, "args": []])
    }

    /// A PNG of the viewport, written to `path`.
    func screenshot(_ path: String) throws {
        guard let base64 = try call("GET", "/session/\(session)/screenshot", nil) as? String,
              let png = Data(base64Encoded: base64) else { throw Failure(description: "chromedriver sent no screenshot.") }
        try png.write(to: URL(fileURLWithPath: path))
    }

    /// Waits up to `seconds` for `condition`; the time it took, or nil.
    func waitFor(seconds: Double, _ condition: () throws -> Bool) rethrows -> Double? {
        let start = Date()
        while Date().timeIntervalSince(start) < seconds {
            if try condition() { return Date().timeIntervalSince(start) }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return nil
    }

    /// One WebDriver command, sent with curl (the project's tests already use it).
    private func call(_ method: String, _ path: String, _ body: Any?) throws -> Any {
        var arguments = ["-s", "-X", method, base + path]
        if let body {
            arguments += ["-H", "Content-Type: application/json", "--data-binary", "@-"]
            let out = try ChildProcess.run("curl", arguments, input: try JSONSerialization.data(withJSONObject: body), timeout: 120)
            return try value(out)
        }
        return try value(try ChildProcess.run("curl", arguments, timeout: 120))
    }

    private func value(_ out: ChildProcess.Result) throws -> Any {
        guard out.status == 0 else { throw Failure(description: "chromedriver did not answer: \(out.errors)") }
        let object = try JSONSerialization.jsonObject(with: out.stdout, options: [.fragmentsAllowed]) as? [String: Any]
        let value = object?["value"] ?? NSNull()
        if let error = (value as? [String: Any])?["error"] as? String {
            throw Failure(description: "WebDriver: \(error): \((value as? [String: Any])?["message"] ?? "")")
        }
        return value
    }
}
