import Foundation
import XCTest

/// `kiosk hq revoke`: the answer to a stolen token.
extension PushTests {
    func testARevokedTokenIsRefusedAndTheStoresOtherTokenStillPushes() throws {
        let ledger = scratch.path("namba.sqlite")
        try simulate(ledger, terminal: "FM-NMB-1", customers: 5, seed: 4)
        let stolen = try enroll("fm-namba")
        let stolenId = String(try String(contentsOfFile: stolen, encoding: .utf8).split(separator: ".")[1])
        let kept = scratch.path("kept.token")
        try HQCluster.kiosk(["hq", "enroll", "--db", db, "--store", "fm-namba"]).stdout.write(toFile: kept, atomically: true, encoding: .utf8)
        let listed = try HQCluster.kiosk(["hq", "revoke", "--db", db, "--store", "fm-namba"])
        XCTAssertEqual(listed.stdout.split(separator: "\n").count, 2, listed.stdout)
        XCTAssertTrue(listed.stdout.hasPrefix(stolenId + "  made "), listed.stdout)

        let revoked = try HQCluster.kiosk(["hq", "revoke", "--db", db, "--store", "fm-namba", "--token", stolenId])
        XCTAssertEqual(revoked.status, 0, revoked.stderr)
        XCTAssertEqual(revoked.stdout, "Revoked 1 push token of store fm-namba.\n")
        let refused = try push(ledger, token: stolen)
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stderr, "The push token is not one HQ issued.\n")
        XCTAssertEqual(try count("SELECT count(*) FROM journal"), 0)
        XCTAssertEqual(try push(ledger, token: kept).status, 0)
        let again = try HQCluster.kiosk(["hq", "revoke", "--db", db, "--store", "fm-namba", "--token", stolenId])
        XCTAssertEqual(again.status, 1)
        XCTAssertEqual(again.stderr, "Store fm-namba has no push token \(stolenId).\n")
        XCTAssertEqual(try HQCluster.kiosk(["hq", "revoke", "--db", db, "--store", "fm-namba", "--all"]).stdout,
                       "Revoked 1 push token of store fm-namba.\n")
        XCTAssertEqual(try push(ledger, token: kept).status, 1)
    }
}
