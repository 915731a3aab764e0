import ChildProcess
import Foundation
import XCTest

/// `hq serve` over TLS with a certificate from a throwaway CA made here with `openssl`, and a
/// store pushing to it trusting that CA.
extension PushTests {
    /// A CA, and a certificate it signed for 127.0.0.1 and localhost; returns (ca, cert, key).
    private func throwawayCertificate() throws -> (String, String, String) {
        func openssl(_ arguments: [String]) throws {
            let out = try ChildProcess.run("openssl", arguments, directory: scratch.url.path, timeout: 120)
            XCTAssertEqual(out.status, 0, out.errors)
        }
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                     "-subj", "/CN=Conbini Kiosk test CA"])
        try openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "hq.key", "-out", "hq.csr", "-subj", "/CN=localhost"])
        try "subjectAltName = IP:127.0.0.1, DNS:localhost\n".write(toFile: scratch.path("san.ext"), atomically: true, encoding: .utf8)
        try openssl(["x509", "-req", "-in", "hq.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "hq.pem",
                     "-days", "2", "-extfile", "san.ext"])
        return (scratch.path("ca.pem"), scratch.path("hq.pem"), scratch.path("hq.key"))
    }

    func testAPushOverTLSTrustingTheGivenCAStoresEachRowOnce() throws {
        let (ca, cert, key) = try throwawayCertificate()
        let (tls, port) = try HQCluster.serve(db, ["--tls-cert", cert, "--tls-key", key])
        defer {
            tls.kill(SIGTERM)
            _ = tls.wait(timeout: 30)
        }
        let ledger = scratch.path("namba.sqlite")
        try simulate(ledger, terminal: "FM-NMB-1", customers: 20, seed: 9)
        let token = try enroll("fm-namba")
        let https = "https://127.0.0.1:\(port)"

        // The system's CAs do not know the throwaway one: refused before anything is sent.
        let untrusted = try HQCluster.kiosk(["hq", "push", "--hq", https, "--token-file", token, "--ledger", ledger])
        XCTAssertEqual(untrusted.status, 1)
        XCTAssertTrue(untrusted.stderr.hasPrefix("HQ at \(https) "), untrusted.stderr)
        XCTAssertEqual(try count("SELECT count(*) FROM journal"), 0)
        // Plain HTTP to the TLS port is no push either.
        XCTAssertEqual(try HQCluster.kiosk(["hq", "push", "--hq", "http://127.0.0.1:\(port)", "--token-file", token, "--ledger", ledger]).status, 1)

        for _ in 0..<2 {
            let out = try HQCluster.kiosk(["hq", "push", "--hq", https, "--ca-file", ca, "--token-file", token, "--ledger", ledger])
            XCTAssertEqual(out.status, 0, out.stderr)
        }
        let rows = try XCTUnwrap(Int(try ChildProcess.run("sqlite3", [ledger, "SELECT count(*) FROM journal"], timeout: 60)
            .output.trimmingCharacters(in: .whitespacesAndNewlines)))
        XCTAssertEqual(try count("SELECT count(*) FROM journal"), rows)
        XCTAssertEqual(try count("SELECT count(DISTINCT seq) FROM journal"), rows)
        XCTAssertEqual(try verify().status, 0)

        let missing = try HQCluster.kiosk(["hq", "push", "--hq", https, "--ca-file", scratch.path("none.pem"), "--token-file", token, "--ledger", ledger])
        XCTAssertEqual(missing.stderr, "The CA file \(scratch.path("none.pem")) cannot be read as PEM certificates.\n")
        let badKey = try HQCluster.kiosk(["hq", "serve", "--db", db, "--listen", "127.0.0.1:\(HQCluster.freePort())", "--tls-cert", cert, "--tls-key", ca])
        XCTAssertEqual(badKey.status, 1)
        XCTAssertEqual(badKey.stderr, "The key file \(ca) cannot be read as a PEM private key.\n")
    }
}
