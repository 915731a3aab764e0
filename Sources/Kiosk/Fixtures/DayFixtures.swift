import Foundation

/// The two files a simulated day needs beside the catalogue: `arrivals.csv` (customers per
/// hour, one profile a row) and `behaviour.csv` (how long each step takes). Read only by the
/// commands that simulate, so a kiosk never depends on them.
public struct DayFixtures: Equatable, Sendable {
    public var profiles: [String: ArrivalProfile]
    public var behaviour: Behaviour

    public static func load(from directory: URL) throws -> DayFixtures {
        var profiles: [String: ArrivalProfile] = [:]
        for row in try CSVTable(directory: directory, name: "arrivals.csv").rows {
            let name = try row.text("profile")
            let rates = try (0..<24).map { try row.decimal(String(format: "%02d", $0), most: ArrivalRate.mostPerHour) }
            guard profiles[name] == nil else { throw row.fail("profile", "repeats \"\(name)\"") }
            profiles[name] = ArrivalProfile(name: name, perHour: rates)
        }
        // Each store names a profile; checked here, with the store's own line.
        for row in try CSVTable(directory: directory, name: "stores.csv").rows {
            let name = try row.text("arrival_profile")
            guard profiles[name] != nil else {
                throw row.fail("arrival_profile", "names \"\(name)\", which is not in arrivals.csv")
            }
        }
        var steps: [Behaviour.Step: Distribution] = [:]
        for row in try CSVTable(directory: directory, name: "behaviour.csv").rows {
            let name = try row.text("step")
            guard let step = Behaviour.Step(rawValue: name) else {
                throw row.fail("step", "is \"\(name)\", not one of \(Behaviour.Step.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard steps[step] == nil else { throw row.fail("step", "repeats \"\(name)\"") }
            let spec = try row.text("time")
            do { steps[step] = try Distribution(spec: spec) } catch {
                throw row.fail("time", "is \"\(spec)\", not \(Distribution.forms) with \(Distribution.numbers)")
            }
        }
        if let missing = Behaviour.Step.allCases.first(where: { steps[$0] == nil }) {
            throw FixtureError(file: "behaviour.csv", line: 0, field: nil, problem: "has no row for the step \(missing.rawValue)")
        }
        return DayFixtures(profiles: profiles, behaviour: Behaviour(steps: steps))
    }

    /// The profile by name, or a sentence naming the ones there are.
    public func profile(_ name: String) throws -> ArrivalProfile {
        guard let p = profiles[name] else {
            throw DayFixtureError(description: "There is no arrival profile \"\(name)\"; arrivals.csv has \(profiles.keys.sorted().joined(separator: ", ")).")
        }
        return p
    }
}

public struct DayFixtureError: Error, CustomStringConvertible {
    public let description: String
}
