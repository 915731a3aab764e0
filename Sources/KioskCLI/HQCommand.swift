import ArgumentParser
import Foundation
import HeadOffice
import Kiosk
import Ledger
import Logging
import Money
import Receipt

/// The head office: the service stores push their journals to, and the chain's books.
struct HQCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hq",
        abstract: "The head office: enrol stores, serve the push API, push a ledger, verify HQ's books, report on the chain.",
        discussion: """
            make hq                                   # PostgreSQL under var/hq and the service on 127.0.0.1:8480
            kiosk hq enroll --db URL --store fm-namba > fm-namba.token
            kiosk hq push --hq http://127.0.0.1:8480 --token-file fm-namba.token --ledger var/ledger.sqlite
            kiosk hq report --chain familymart --db URL --format json
            printf '%s\\n' 'a long passphrase' | kiosk hq user add --db URL --name aiko   # then sign in at http://127.0.0.1:8480/
            """,
        subcommands: [Enroll.self, Revoke.self, Serve.self, Push.self, Verify.self, Report.self, User.self])

    struct Enroll: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a store's push token and print it once; HQ keeps only a salted hash of it.",
            discussion: "Keep the token in a file only the store's kiosk user can read (`--token-file` of `kiosk hq push`). Enrolling again makes another token; the old one still works.")
        @OptionGroup var db: DatabaseOption
        @Option(help: "The store the token pushes for (its id in the fixtures, e.g. fm-namba).")
        var store: String

        func run() throws {
            try reporting {
                guard let store = StoreID(rawValue: store) else {
                    throw Failure("\"\(store)\" is not a store id: lowercase letters, digits and hyphens, at most 64.")
                }
                let url = try db.url()
                let token = try blocking { try await HeadOffice.run(database: url) { try await $0.enroll(store: store) } }
                print(token.text)
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a store's push token (the middle part of STORE.TOKEN_ID.SECRET), or all of them; without either, list them.",
            discussion: "A push with a revoked token is refused (401) from its next request on. Enrol the store again to give it a new token.")
        @OptionGroup var db: DatabaseOption
        @Option(help: "The store whose token it is.")
        var store: String
        @Option(help: "The token's id (16 hexadecimal digits).")
        var token: String?
        @Flag(help: "Every token of the store.")
        var all = false

        func validate() throws {
            if token != nil, all { throw ValidationError("Give --token or --all, not both.") }
        }

        func run() throws {
            try reporting {
                guard let id = StoreID(rawValue: store) else {
                    throw Failure("\"\(store)\" is not a store id: lowercase letters, digits and hyphens, at most 64.")
                }
                let url = try db.url()
                let (token, all) = (token, all)
                guard token != nil || all else {
                    let tokens = try blocking { try await HeadOffice.run(database: url) { try await $0.tokens(of: id) } }
                    if tokens.isEmpty { print("Store \(id) has no push token.") }
                    for t in tokens { print("\(t.tokenId)  made \(t.madeAt)") }
                    return
                }
                let removed = try blocking { try await HeadOffice.run(database: url) { try await $0.revoke(store: id, tokenId: token) } }
                if removed == 0, let token { throw Failure("Store \(id) has no push token \(token).") }
                print("Revoked \(removed) push token\(removed == 1 ? "" : "s") of store \(id).")
            }
        }
    }

    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the push API (POST /v1/ledgers/ID/journal, GET /v1/ledgers/ID) and the staff dashboard until SIGTERM or Ctrl-C.")
        @OptionGroup var db: DatabaseOption
        @OptionGroup var fixtureOptions: FixtureOptions
        @Option(help: "HOST:PORT to listen on (e.g. 127.0.0.1:8480).")
        var listen: String = "127.0.0.1:8480"
        @Option(help: "Serve HTTPS with this certificate chain (PEM); needs --tls-key.")
        var tlsCert: String?
        @Option(help: "The certificate's private key (PEM).")
        var tlsKey: String?
        @Option(help: "The dashboard flags a store that pushed nothing for more than this many hours (1 to 720).")
        var silentHours = 2

        func validate() throws {
            guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("Give --tls-cert and --tls-key together.") }
        }

        func run() throws {
            try reporting {
                try Bounds.check(silentHours, 1...720, "--silent-hours", unit: " hours")
                let url = try db.url()
                let (host, port) = try Self.address(listen)
                let tls: HQServerTLS?
                do {
                    if let tlsCert, let tlsKey { tls = try HQServerTLS(certificateFile: tlsCert, keyFile: tlsKey) } else { tls = nil }
                } catch let failure as HQFailure {
                    throw Failure(failure.description)
                }
                let scheme = tls == nil ? "http" : "https"
                let dashboard = DashboardSettings(catalogue: try fixtureOptions.catalogue(), silentHours: silentHours,
                                                  changeLow: { CashUnit.isChangeLow(CashPieces($0)) })
                var logger = Logger(label: "kiosk-hq")
                logger.logLevel = .warning
                let log = logger
                try blocking {
                    try await HeadOffice.run(database: url, logger: log) { hq in
                        try await HQServer.serve(hq, host: host, port: port, tls: tls, dashboard: dashboard, logger: log) { port in
                            print("HQ is serving \(scheme)://\(host):\(port) on \(url).")
                            fflush(stdout)
                        }
                    }
                }
            }
        }

        static func address(_ text: String) throws -> (String, Int) {
            guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
                  (0...65535).contains(port), colon != text.startIndex else {
                throw Failure("\"\(text)\" is not HOST:PORT (e.g. 127.0.0.1:8480).")
            }
            return (String(text[..<colon]), port)
        }
    }

    struct Push: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send HQ the journal rows it does not have yet, in order and in batches.",
            discussion: "With --watch it keeps pushing as the kiosk writes, and while HQ cannot be reached it waits and tries again (0.5 s, doubling up to 30 s). A kiosk never waits for HQ. A refusal (the server's sentence) exits 1.")
        @Option(help: "HQ's URL, e.g. http://127.0.0.1:8480 or https://hq.example.jp:8443.")
        var hq: String
        @Option(help: "For an https HQ: trust the CA certificates of this PEM file instead of the system's.")
        var caFile: String?
        @Option(help: "A file holding the store's push token (from `kiosk hq enroll`).")
        var tokenFile: String
        @OptionGroup var ledgerOptions: LedgerOptions
        @Flag(help: "Keep pushing as the ledger grows, until stopped.")
        var watch = false
        @Option(help: "Rows per batch (1 to 5,000).")
        var batch = Pusher.defaultBatchSize

        func run() throws {
            try reporting {
                try Bounds.check(batch, 1...5_000, "--batch", unit: " rows")
                guard let endpoint = HQEndpoint(hq, caFile: caFile) else {
                    throw Failure("\"\(hq)\" is not HQ's URL: http://HOST:PORT or https://HOST:PORT, nothing after the port.")
                }
                if caFile != nil, !endpoint.tls { throw Failure("--ca-file is for an https HQ; \(hq) is plain http.") }
                if endpoint.tls {
                    do { try endpoint.checkTLS() } catch let error as HQClientError { throw Failure(error.description) }
                }
                let text: String
                do {
                    text = try String(contentsOfFile: tokenFile, encoding: .utf8)
                } catch {
                    throw Failure("Cannot read the token file \(tokenFile).")
                }
                guard let token = PushToken(text: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                    throw Failure("The token file \(tokenFile) does not hold a push token (from `kiosk hq enroll`).")
                }
                let pusher = Pusher(hq: endpoint, token: token, ledger: try ledgerOptions.openExisting(readingOnly: true), batchSize: batch)
                do {
                    if watch {
                        try blocking {
                            try await pusher.watch { event in
                                switch event {
                                case .pushed(let s): print(Self.sentence(s))
                                case .waiting(let why, let wait): print("\(why) Trying again in \(wait.components.seconds).\(wait.components.attoseconds / 100_000_000_000_000_000) s.")
                                }
                                fflush(stdout)
                            }
                        }
                    } else {
                        print(Self.sentence(try blocking { try await pusher.push() }))
                    }
                } catch let error as HQClientError {
                    throw Failure(error.description)
                } catch let error as HQFailure {
                    throw Failure(error.description)
                }
            }
        }

        private static func sentence(_ s: Pusher.Summary) -> String {
            "Pushed \(s.stored) row\(s.stored == 1 ? "" : "s") of ledger \(s.ledgerId); HQ holds it up to seq \(s.lastSeq)."
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-check every ledger HQ holds: its hash chain, and its books against the journal; exit 1 naming the first fault.")
        @OptionGroup var db: DatabaseOption

        func run() throws {
            try reporting {
                let url = try db.url()
                let report = try blocking { try await HeadOffice.run(database: url) { try await $0.verify() } }
                if let fault = report.fault { throw Failure(fault) }
                print("HQ's books are intact: \(report.ledgers) ledgers, \(report.rows) journal rows re-verified, and \(report.transactions) transactions, their cash and refunds due agree with the journal.")
            }
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sales and tax of a chain, an area or a store by store, terminal, carrier and plan, payment method and business day; each Z with its over/short; refunds owed; silent stores.",
            discussion: "For one store the numbers are those of its own `kiosk report x --store ID` over the same transactions, and each Z's those of its own Z. Business days are inclusive (YYYY-MM-DD). A store's chain and area are those of the fixtures (stores.csv).")
        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv, pdf }
        @OptionGroup var db: DatabaseOption
        @OptionGroup var fixtureOptions: FixtureOptions
        @Option(help: "Every store of this chain (fixtures/chains.csv).")
        var chain: String?
        @Option(help: "One store.")
        var store: String?
        @Option(help: "Every store of this area (the `area` of fixtures/stores.csv, e.g. Tokyo).")
        var area: String?
        @Option(help: "List the stores that have pushed nothing for more than this many hours.")
        var silentHours = 24
        @Option(help: "Write to this file instead of standard output (needed for pdf).")
        var out: String?
        @Flag(help: "Replace the --out file if it exists.")
        var force = false
        @Option(help: "First business day (YYYY-MM-DD).")
        var from: String?
        @Option(help: "Last business day (YYYY-MM-DD).")
        var to: String?
        @Option(help: "text, json, csv or pdf.")
        var format: Format = .text

        func validate() throws {
            guard [chain, store, area].compactMap({ $0 }).count == 1 else { throw ValidationError("Name one of --chain, --store or --area.") }
            if format == .pdf, out == nil { throw ValidationError("A PDF is written to a file; add --out FILE.") }
        }

        /// A bad value of a known option is a sentence and exit 1.
        private func check() throws {
            try Bounds.check(silentHours, 1...720, "--silent-hours", unit: " hours")
            for day in [from, to].compactMap({ $0 }) where !Self.isDay(day) {
                throw Failure("\"\(day)\" is not a business day like 2026-11-25.")
            }
        }

        static func isDay(_ text: String) -> Bool {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                  let m = Int(parts[1]), let d = Int(parts[2]), Int(parts[0]) != nil else { return false }
            return (1...12).contains(m) && (1...31).contains(d)
        }

        func run() throws {
            try reporting {
                try check()
                let catalogue = try fixtureOptions.catalogue()
                let title: String
                let stores: [StoreID]
                if let chain {
                    guard catalogue.chains.contains(where: { $0.id == chain }) else {
                        throw Failure("Unknown chain \"\(chain)\"; the chains are \(catalogue.chains.map(\.id).joined(separator: ", ")).")
                    }
                    stores = catalogue.stores.filter { $0.chainId == chain }.compactMap { StoreID(rawValue: $0.id) }
                    title = "Chain \(chain)"
                } else if let area {
                    let areas = Set(catalogue.stores.map(\.area)).sorted()
                    guard areas.contains(area) else {
                        throw Failure("Unknown area \"\(area)\"; the areas are \(areas.joined(separator: ", ")).")
                    }
                    stores = catalogue.stores.filter { $0.area == area }.compactMap { StoreID(rawValue: $0.id) }
                    title = "Area \(area)"
                } else {
                    guard let id = store.flatMap(StoreID.init(rawValue:)), catalogue.stores.contains(where: { $0.id == store }) else {
                        throw Failure("Unknown store \"\(store ?? "")\"; the stores are \(catalogue.stores.map(\.id).joined(separator: ", ")).")
                    }
                    stores = [id]
                    title = "Store \(id)"
                }
                let url = try db.url()
                let outFile = try out.map { try OutputFile($0, ledger: "", force: force) }
                let (from, to, hours) = (from, to, silentHours)
                let report = try blocking {
                    try await HeadOffice.run(database: url) {
                        try await $0.report(title: title, stores: stores.sorted { $0.rawValue < $1.rawValue }, from: from, to: to, silentHours: hours)
                    }
                }
                let data: Data
                switch format {
                case .text: data = Data(report.text.utf8)
                case .json: data = Data(report.json.utf8)
                case .csv: data = Data(report.csv.utf8)
                case .pdf: data = Receipt.render(report.document, as: .pdf, language: .en)
                }
                if let outFile { try outFile.write(data) } else { FileHandle.standardOutput.write(data) }
            }
        }
    }
}

extension HQCommand {
    struct User: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "HQ staff accounts for the dashboard.",
            subcommands: [Add.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Make a dashboard account; its password is read from standard input and kept as a salted scrypt hash.",
                discussion: "printf '%s\\n' 'a long passphrase' | kiosk hq user add --db URL --name aiko")
            @OptionGroup var db: DatabaseOption
            @Option(help: "The sign-in name (letters, digits, dots, hyphens, underscores).")
            var name: String

            func run() throws {
                try reporting {
                    guard let staff = StaffName(name) else { throw Failure("\"\(name)\" is not a sign-in name: \(StaffName.form).") }
                    let password = (readLine(strippingNewline: true) ?? "")
                    let url = try db.url()
                    do {
                        try blocking { try await HeadOffice.run(database: url) { try await $0.addStaff(name: staff, password: password) } }
                    } catch let error as HQFailure {
                        throw Failure(error.description)
                    }
                    print("Made the dashboard account \(staff).")
                }
            }
        }
    }
}

/// HQ's PostgreSQL.
struct DatabaseOption: ParsableArguments {
    @Option(help: "HQ's database, postgres://USER:PASSWORD@HOST:PORT/DATABASE (what `make hq` prints).")
    var db: String

    func url() throws -> DatabaseURL {
        guard let url = DatabaseURL(db) else {
            throw Failure("\"\(db)\" is not a database URL like postgres://hq:PASSWORD@127.0.0.1:5433/hq.")
        }
        return url
    }
}

/// Runs async work from a synchronous command, on the concurrency runtime's own threads.
func blocking<T>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var result: Result<T, Error>?
    Task {
        do { result = .success(try await work()) } catch { result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try result!.get()
}
