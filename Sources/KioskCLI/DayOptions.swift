import ArgumentParser
import Foundation
import Kiosk

/// How a simulated day runs: who comes, how long they take, whether they balk or give up.
/// Shared by `simulate` and `plan`.
struct DayOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Customers per hour, the same all day, instead of the store's profile.", valueName: "N"))
    var arrivals: Double?

    @Option(help: ArgumentHelp("An arrival profile of arrivals.csv instead of the store's own (airport, station, downtown, residential).", valueName: "NAME"))
    var profile: String?

    @Option(help: ArgumentHelp("Each customer's whole time at the machine, instead of behaviour.csv's steps: exponential:MEAN, constant:V, uniform:MIN:MAX or lognormal:MEAN:SD (seconds).", valueName: "DIST"))
    var service: String?

    @Flag(help: "Customers join any queue, however long.")
    var noBalking = false

    @Flag(help: "Customers wait in the queue for as long as it takes.")
    var noPatience = false

    func validate() throws {
        if arrivals != nil && profile != nil { throw ValidationError("Give --arrivals or --profile, not both.") }
    }

    /// The values, bounded where they enter: a bad one is a sentence and exit 1, as every
    /// bad value of a known option is.
    func check() throws {
        if let arrivals, !(arrivals > 0 && arrivals <= ArrivalRate.mostPerHour) {
            throw Failure("--arrivals must be a number of customers per hour above 0 and at most \(ArrivalRate.mostPerHour.asTyped), not \(arrivals.asTyped).")
        }
        if let service { _ = try serviceDistribution(service) }
    }

    private func serviceDistribution(_ spec: String) throws -> Distribution {
        do { return try Distribution(spec: spec) } catch { throw Failure("Bad --service: \(error).") }
    }

    /// A day's customers are bounded as `--customers` is: without that cap, the hours at each
    /// store's busiest rate must bring it at most that many, or the day would run for ever.
    static func checkCustomers(_ rules: StoreDay.Rules, arrivals: ArrivalRate?, stores: [String],
                               catalogue: Catalogue, fixtures: DayFixtures, canCap: Bool) throws {
        guard rules.customers == nil, let hours = rules.hours else { return }
        for id in stores {
            guard let store = catalogue.stores.first(where: { $0.id == id }) else { continue }
            let rate: ArrivalRate
            do { rate = try arrivals ?? .profile(fixtures.profile(store.arrivalProfile)) } catch { throw Failure("\(error)") }
            let most = rate.peakPerHour * hours
            guard most <= Double(Bounds.customers.upperBound) else {
                throw Failure("\(hours.asTyped) hours at up to \(rate.peakPerHour.asTyped) customers an hour bring \(store.id) as many as \(String(format: "%.0f", most)) customers, and a simulated day has at most \(Bounds.customers.upperBound); ask for fewer --hours or --arrivals\(canCap ? ", or cap the day with --customers" : "").")
            }
        }
    }

    /// The fixtures a day needs beside the catalogue.
    func fixtures(in folder: String) throws -> DayFixtures {
        do { return try DayFixtures.load(from: URL(fileURLWithPath: folder)) } catch {
            throw Failure("Cannot use the fixtures: \(error)")
        }
    }

    /// Nil: each store's own profile.
    func arrivalRate(_ fixtures: DayFixtures) throws -> ArrivalRate? {
        if let arrivals { return .constant(perHour: arrivals) }
        guard let profile else { return nil }
        do { return .profile(try fixtures.profile(profile)) } catch { throw Failure("\(error)") }
    }

    func rules(_ fixtures: DayFixtures, hours: Double?, customers: Int?) throws -> StoreDay.Rules {
        StoreDay.Rules(behaviour: fixtures.behaviour, hours: hours, customers: customers,
                       service: try service.map(serviceDistribution), balking: !noBalking, patience: !noPatience)
    }
}
