// The kiosk speaks in the money words every module shares (yen, a handful of cash, how a
// customer pays, why a sale stopped); whoever uses the kiosk uses them too.
@_exported import Money
