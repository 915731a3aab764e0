/// Why HQ refused a request, as the HTTP status it answers with and one sentence.
/// Every refusal leaves HQ's books as they were.
public enum PushRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// 400: the body is not JSON, or a row does not decode or holds no step.
    case malformed(String)
    /// 401: no token, or one HQ did not issue.
    case unauthorised(String)
    /// 403: a row of another store than the token's.
    case otherStore(String)
    /// 404: no such resource.
    case notFound(String)
    /// 409: a gap, a fork or an edited row: the batch does not continue HQ's chain.
    case conflict(String)
    /// 413: the body is over the size limit.
    case tooLarge(String)
    /// 503: HQ's database cannot be reached; the store tries again later.
    case unavailable(String)

    public var status: Int {
        switch self {
        case .malformed: 400
        case .unauthorised: 401
        case .otherStore: 403
        case .notFound: 404
        case .conflict: 409
        case .tooLarge: 413
        case .unavailable: 503
        }
    }

    public var description: String {
        switch self {
        case .malformed(let s), .unauthorised(let s), .otherStore(let s), .notFound(let s), .conflict(let s),
             .tooLarge(let s), .unavailable(let s): s
        }
    }
}
