import Foundation
import XCTest

/// `/v1/reports/...` answers what docs/openapi.json says, with the numbers `kiosk hq report` gives.
final class DashboardReportsTests: XCTestCase {
    nonisolated(unsafe) static var cluster: HQCluster?
    private var hq: DashboardFixture!
    private var folder: Scratch!

    override class func setUp() {
        super.setUp()
        cluster = try? HQCluster()
    }

    override class func tearDown() {
        cluster?.remove()
        super.tearDown()
    }

    override func setUpWithError() throws {
        hq = try DashboardFixture(cluster: try XCTUnwrap(Self.cluster, "PostgreSQL did not start (scripts/hq-postgres.sh)"))
        folder = try Scratch()
    }

    override func tearDown() {
        hq?.stop()
        super.tearDown()
    }

    private var openAPI: [String: Any] {
        get throws {
            let data = try Data(contentsOf: HQCluster.projectRoot.appendingPathComponent("docs/openapi.json"))
            return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
    }

    /// Checks `value` against a schema of the file: every required key, no other, arrays item by item.
    private func check(_ value: Any, _ schema: [String: Any], _ path: String, file: StaticString = #filePath, line: UInt = #line) throws {
        var schema = schema
        if let ref = schema["$ref"] as? String {
            let name = String(ref.split(separator: "/").last!)
            let schemas = try XCTUnwrap(((try openAPI)["components"] as? [String: Any])?["schemas"] as? [String: Any])
            schema = try XCTUnwrap(schemas[name] as? [String: Any], name)
        }
        let types = (schema["type"] as? [String]) ?? [(schema["type"] as? String) ?? ""]
        switch value {
        case is NSNull: XCTAssertTrue(types.contains("null"), "\(path) is null", file: file, line: line)
        case let object as [String: Any]:
            XCTAssertTrue(types.contains("object"), path, file: file, line: line)
            if let each = schema["additionalProperties"] as? [String: Any] {
                for (key, v) in object { try check(v, each, "\(path).\(key)") }
                return
            }
            let properties = try XCTUnwrap(schema["properties"] as? [String: Any], path)
            XCTAssertTrue(Set((schema["required"] as? [String]) ?? []).isSubset(of: object.keys), path, file: file, line: line)
            for (key, v) in object {
                try check(v, try XCTUnwrap(properties[key] as? [String: Any], "\(path).\(key) is not in the file"), "\(path).\(key)")
            }
        case let array as [Any]:
            XCTAssertTrue(types.contains("array"), path, file: file, line: line)
            if let count = schema["minItems"] as? Int { XCTAssertGreaterThanOrEqual(array.count, count, path) }
            for (i, item) in array.enumerated() { try check(item, try XCTUnwrap(schema["items"] as? [String: Any]), "\(path)[\(i)]") }
        case let n as NSNumber:
            // JSONSerialization gives booleans as numbers too: the answer's own text tells them apart.
            let literal = "\"\(path.split(separator: ".").last.map { String($0.split(separator: "[").first!) } ?? "")\":\(n.boolValue)"
            if types.contains("boolean") {
                XCTAssertTrue(lastBody.contains(literal), "\(path) is not a boolean", file: file, line: line)
            } else {
                XCTAssertTrue(types.contains("integer"), path, file: file, line: line)
                XCTAssertEqual(n.doubleValue, n.doubleValue.rounded(), path, file: file, line: line)
            }
        case is String: XCTAssertTrue(types.contains("string"), path, file: file, line: line)
        default: XCTFail("\(path): \(value)", file: file, line: line)
        }
    }

    private func schema(_ path: String, _ status: String = "200") throws -> [String: Any] {
        let paths = try XCTUnwrap((try openAPI)["paths"] as? [String: Any])
        let get = try XCTUnwrap((paths[path] as? [String: Any])?["get"] as? [String: Any], path)
        let answer = try XCTUnwrap((get["responses"] as? [String: Any])?[status] as? [String: Any], "\(path) \(status)")
        return try XCTUnwrap(((answer["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any])
    }

    private var lastBody = ""

    private func get(_ path: String, jar: String) throws -> (Int, Any) {
        let answer = try hq.curl(path, jar: jar)
        lastBody = answer.body
        XCTAssertTrue(answer.headers.lowercased().contains("content-type: application/json"), path)
        return (answer.status, try JSONSerialization.jsonObject(with: Data(answer.body.utf8)))
    }

    func testTheReportsAnswerWhatTheOpenAPIFileDescribesWithHQReportsNumbers() throws {
        let jar = folder.path("jar")
        try hq.signIn(jar: jar)
        let report = try hq.chainReport()

        let (status, chain) = try get("/v1/reports/chains/familymart", jar: jar)
        XCTAssertEqual(status, 200)
        try check(chain, try schema("/v1/reports/chains/{chain}"), "chain")
        let c = try XCTUnwrap(chain as? [String: Any])
        XCTAssertEqual(c["sales_yen"] as? Int, report["sales_yen"] as? Int)
        XCTAssertEqual(c["tax_yen"] as? Int, report["tax_yen"] as? Int)
        XCTAssertEqual(c["count"] as? Int, report["count"] as? Int)
        let byStore = Dictionary(uniqueKeysWithValues: (report["by_store"] as? [[String: Any]] ?? []).map { ($0["store"] as! String, $0["yen"] as! Int) })
        for line in c["by_store"] as? [[String: Any]] ?? [] {
            XCTAssertEqual(line["yen"] as? Int, byStore[line["store"] as! String] ?? 0)
        }
        XCTAssertEqual((c["by_hour"] as? [[String: Any]])?.reduce(0) { $0 + ($1["yen"] as! Int) }, report["sales_yen"] as? Int)
        XCTAssertEqual((c["by_carrier"] as? [[String: Any]])?.count, (report["by_carrier"] as? [Any])?.count)

        let (storeStatus, store) = try get("/v1/reports/stores/fm-namba", jar: jar)
        XCTAssertEqual(storeStatus, 200)
        try check(store, try schema("/v1/reports/stores/{store}"), "store")
        XCTAssertEqual((store as? [String: Any])?["sales_yen"] as? Int, byStore["fm-namba"])

        let zs = try XCTUnwrap((store as? [String: Any])?["z_reports"] as? [[String: Any]])
        XCTAssertEqual(zs.count, 1)
        let (zStatus, z) = try get("/v1/reports/stores/fm-namba/z/FM-NMB-1/1", jar: jar)
        XCTAssertEqual(zStatus, 200)
        try check(z, try schema("/v1/reports/stores/{store}/z/{terminal}/{number}"), "z")
        let held = try XCTUnwrap((report["z_reports"] as? [[String: Any]])?.first?["cash"] as? [String: Any])
        XCTAssertEqual((z as? [String: Any])?["over_short_yen"] as? Int, held["over_short_yen"] as? Int)
        XCTAssertEqual((z as? [String: Any])?["expected_yen"] as? Int, held["expected_yen"] as? Int)
        let (missing, _) = try get("/v1/reports/stores/fm-namba/z/FM-NMB-1/9", jar: jar)
        XCTAssertEqual(missing, 404)

        let (_, changes) = try get("/v1/reports/changes", jar: jar)
        try check(changes, try schema("/v1/reports/changes"), "changes")

        for (path, code, sentence) in [("/v1/reports/chains/familymart?day=2026-13-01", 400, "\"2026-13-01\" is not a business day like 2026-11-25."),
                                       ("/v1/reports/chains/nowhere", 404, "No chain of that id."),
                                       ("/v1/reports/stores/fm-nowhere", 404, "No store of that id.")] {
            let (status, error) = try get(path, jar: jar)
            XCTAssertEqual(status, code, path)
            try check(error, try schema(path.contains("chains") ? "/v1/reports/chains/{chain}" : "/v1/reports/stores/{store}", String(code)), path)
            XCTAssertEqual((error as? [String: Any])?["error"] as? String, sentence)
        }
    }
}
