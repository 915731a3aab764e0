import ChildProcess
import Foundation
import XCTest

/// A head office with two FamilyMart stores' simulated days pushed, a staff account, and
/// `kiosk hq serve` running with the dashboard, on a database of its own.
final class DashboardFixture {
    static let staff = "aiko"
    static let password = "correct horse battery staple"
    static let stores = ["fm-namba", "fm-shibuya-center"]

    let cluster: HQCluster
    let scratch: Scratch
    let db: String
    let fixtures: String
    private(set) var service: ChildProcess?
    private(set) var url = ""
    /// fm-namba's Z 1 of FM-NMB-1 as the store's `kiosk report z --format text` printed it.
    private(set) var printedZ = ""

    /// `fixtures` defaults to the project's own.
    init(cluster: HQCluster, fixtures: String = "fixtures") throws {
        self.cluster = cluster
        self.fixtures = fixtures
        scratch = try Scratch()
        db = try cluster.newDatabase()
        for (i, store) in Self.stores.enumerated() {
            try simulate(store, customers: 30, seed: 11 + i)
            if store == "fm-namba" { printedZ = try closeDay(store, terminal: "FM-NMB-1", counted: "1000=20,100=50") }
            let out = try HQCluster.kiosk(["hq", "enroll", "--db", db, "--store", store])
            XCTAssertEqual(out.status, 0, out.stderr)
            try out.stdout.write(toFile: scratch.path("\(store).token"), atomically: true, encoding: .utf8)
        }
        let made = try ChildProcess.run(HQCluster.kiosk, ["hq", "user", "add", "--db", db, "--name", Self.staff],
                                        input: Data((Self.password + "\n").utf8), directory: HQCluster.projectRoot.path, timeout: 120)
        XCTAssertEqual(made.status, 0, made.errors)
        let port = HQCluster.freePort()
        let process = try ChildProcess(HQCluster.kiosk, ["hq", "serve", "--db", db, "--listen", "127.0.0.1:\(port)", "--fixtures", fixtures],
                                       directory: HQCluster.projectRoot.path)
        let deadline = Date().addingTimeInterval(60)
        while !HQCluster.accepts(port) {
            guard Date() < deadline else {
                process.kill()
                throw HQClusterFailure("hq serve did not listen: \(process.wait(timeout: 5).errors)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        service = process
        url = "http://127.0.0.1:\(port)"
        for store in Self.stores { try push(store) }
    }

    func stop() {
        service?.kill(SIGTERM)
        _ = service?.wait(timeout: 30)
        service = nil
    }

    func ledger(_ store: String) -> String { scratch.path("\(store).sqlite") }

    /// More customers on the store's ledger (its next simulated day when the clock has passed it).
    func simulate(_ store: String, customers: Int, seed: Int) throws {
        let out = try HQCluster.kiosk(["simulate", "--store", store, "--ledger", ledger(store), "--customers", String(customers),
                                       "--seed", String(seed), "--receipts", scratch.path("receipts"), "--fixtures", fixtures])
        XCTAssertEqual(out.status, 0, out.stderr)
    }

    /// The terminal's Z, with the cash staff counted (far from what the machine holds: a short),
    /// as the store printed it.
    func closeDay(_ store: String, terminal: String, counted: String) throws -> String {
        let out = try HQCluster.kiosk(["report", "z", "--ledger", ledger(store), "--terminal", terminal, "--counted", counted,
                                       "--fixtures", fixtures, "--format", "text"])
        XCTAssertEqual(out.status, 0, out.stderr)
        return out.stdout
    }

    func push(_ store: String) throws {
        let out = try HQCluster.kiosk(["hq", "push", "--hq", url, "--token-file", scratch.path("\(store).token"), "--ledger", ledger(store)])
        XCTAssertEqual(out.status, 0, out.stderr)
    }

    func token(_ store: String) throws -> String {
        try String(contentsOfFile: scratch.path("\(store).token"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `kiosk hq report --chain familymart --format json`, decoded.
    func chainReport() throws -> [String: Any] {
        let out = try HQCluster.kiosk(["hq", "report", "--chain", "familymart", "--db", db, "--format", "json", "--fixtures", fixtures])
        XCTAssertEqual(out.status, 0, out.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    }

    /// A request by curl: status, headers and body. `jar` keeps cookies between calls.
    struct Answer {
        var status: Int
        var headers: String
        var body: String
    }

    func curl(_ path: String, _ arguments: [String] = [], jar: String? = nil) throws -> Answer {
        let headers = scratch.path("headers-\(UUID().uuidString)")
        var args = ["-s", "-o", "-", "-D", headers, "-w", "\n%{http_code}"]
        if let jar { args += ["-b", jar, "-c", jar] }
        let out = try ChildProcess.run("curl", args + arguments + [url + path], timeout: 60)
        var body = out.output
        let code = body.split(separator: "\n").last.flatMap { Int($0) } ?? 0
        if let cut = body.lastIndex(of: "\n") { body = String(body[..<cut]) }
        let head = (try? String(contentsOfFile: headers, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: headers)
        return Answer(status: code, headers: head, body: body)
    }

    /// Signs in through the form as a browser would; the cookies go into `jar`.
    @discardableResult
    func signIn(jar: String, password: String = DashboardFixture.password) throws -> Answer {
        let form = try curl("/sign-in", jar: jar)
        let csrf = try XCTUnwrap(form.body.range(of: "name=\"csrf\" value=\"").map { r in
            String(form.body[r.upperBound...].prefix(while: { $0 != "\"" }))
        })
        return try curl("/sign-in", ["--data-urlencode", "csrf=\(csrf)", "--data-urlencode", "name=\(Self.staff)",
                                     "--data-urlencode", "password=\(password)"], jar: jar)
    }
}
