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
        if let arrivals, !(arrivals > 0 && arrivals <= 10_000) {
            throw ValidationError("--arrivals must be a number of customers per hour above 0 and at most 10000.")
        }
        if arrivals != nil && profile != nil { throw ValidationError("Give --arrivals or --profile, not both.") }
        if let service { _ = try serviceDistribution(service) }
    }

    private func serviceDistribution(_ spec: String) throws -> Distribution {
        do { return try Distribution(spec: spec) } catch { throw ValidationError("Bad --service: \(error).") }
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
