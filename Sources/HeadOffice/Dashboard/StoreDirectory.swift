import Kiosk
import Receipt

/// The chains and stores the dashboard names, from the fixtures the service was started with:
/// HQ's books know a store only by its id.
public struct StoreDirectory: Sendable {
    public struct Chain: Sendable, Equatable {
        public var id: String
        public var name: Localized
        public init(id: String, name: Localized) { self.id = id; self.name = name }
    }

    public struct Store: Sendable, Equatable {
        public var id: StoreID
        public var chainId: String
        public var name: Localized
        public var area: String
        public init(id: StoreID, chainId: String, name: Localized, area: String) {
            self.id = id; self.chainId = chainId; self.name = name; self.area = area
        }
    }

    public var chains: [Chain]
    public var stores: [Store]
    private let byId: [StoreID: Store]

    public init(chains: [Chain], stores: [Store]) {
        self.chains = chains
        self.stores = stores
        byId = Dictionary(stores.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func store(_ id: StoreID) -> Store? { byId[id] }
    public func chain(_ id: String) -> Chain? { chains.first { $0.id == id } }
    public func stores(ofChain id: String) -> [Store] { stores.filter { $0.chainId == id } }
}

extension Catalogue {
    /// The chains' and stores' names, for the dashboard.
    var storeDirectory: StoreDirectory {
        StoreDirectory(
            chains: chains.map { .init(id: $0.id, name: $0.name) },
            stores: stores.compactMap { s in StoreID(rawValue: s.id).map { .init(id: $0, chainId: s.chainId, name: s.name, area: s.area) } })
    }
}
