import Receipt

/// Every button a screen can show. A touch (mouse click) or the key printed on the button
/// both arrive at the reducer as `.tap(ButtonID)`.
public enum ButtonID: Hashable, Sendable {
    // Find the machine
    case chain(String)
    case store(String)
    case terminal(String)
    case useThisMachine
    // Attract and language
    case start
    case language(Language)
    // SIM number keypad
    case digit(Int)
    case deleteDigit
    case clearNumber
    case confirm
    // Plans and payment
    case plan(String)
    case payByCash
    case payByCard
    case payByWallet
    /// Print an application slip and pay at the store's register.
    case payAtRegister
    /// At the register: void the slip shown.
    case voidSlip
    // The simulated devices panel: there is no hardware, so each coin, bill and test card is a button.
    case insertCash(Int)
    case presentCard(String)
    /// Show a test wallet's payment code to the scanner.
    case scanCode(String)
    /// The next page of the devices panel, when its buttons do not all fit.
    case morePanel
    // Always-there navigation
    case back
    case cancel
    case finish
    // Staff
    case staffEntry
    case staffMember(String)
    case staffAction(String)
}
