import Foundation

/// What happened in a simulated day, customer by customer: the raw facts that the day's
/// statistics, its table and its plot are computed from.
public struct DayRecord: Sendable {
    /// One customer's visit to a store.
    public struct Visit: Sendable {
        public enum Outcome: String, Sendable {
            /// Still in the queue (only while the day runs).
            case waiting
            case served
            /// Saw the queue (or no machine in service) and did not join it.
            case balked
            /// Joined the queue and left it before reaching a machine.
            case gaveUp = "gave_up"
        }

        public var storeId: String
        public var arrived: Date
        public var outcome: Outcome = .waiting
        /// When they reached a machine, and which.
        public var started: Date?
        public var terminalId: String?
        /// When they stepped away from the machine or the queue.
        public var left: Date?
        /// When the machine they used was free for the next customer.
        public var done: Date?
        /// Seconds in the queue: until a machine, or until they gave up.
        public var wait: TimeInterval = 0
        /// The price of what they came to buy, for the sales a store loses when they leave unserved.
        public var wanted: Yen
        /// The transactions they began at the machine, in order.
        public var transactions: [String] = []
        /// What they paid for and got (completed sales), filled in from the ledger after the day.
        public var spent: Yen = .zero
    }

    /// The length of a store's queue from that moment on.
    public struct QueueLength: Sendable {
        public var at: Date
        public var storeId: String
        public var length: Int
    }

    /// A machine's busy time: from a customer stepping up until the next could.
    public struct MachineUse: Sendable {
        public var terminalId: String
        public var storeId: String
        public var busy: [ClosedRange<Date>] = []
    }

    /// A machine going out of service, on its own clock, and the words its screen gives
    /// staff (empty when it gives none).
    public struct OutOfService: Sendable, Equatable {
        public var terminalId: String
        public var at: Date
        public var reason: String
    }

    public var start: Date
    /// When the doors closed to new customers (the last hour's end, or the last arrival).
    public var close: Date
    /// When the last customer was done.
    public var end: Date
    public var visits: [Visit] = []
    public var queue: [QueueLength] = []
    public var machines: [MachineUse] = []
    /// Machines that went out of service, in the order of the clock.
    public var outOfService: [OutOfService] = []
    /// How this day's transactions ended, from the ledger.
    public var summary = StoreDay.Summary()
}
