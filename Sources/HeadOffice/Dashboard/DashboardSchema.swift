/// The dashboard's tables: HQ staff accounts, their sessions, and failed sign-ins. They belong
/// to the head office, not to a store, so they have no `store_id` (on a distributed PostgreSQL
/// they are small local or reference tables).
enum DashboardSchema {
    static let migrations: [HQSchema.Migration] = [
        HQSchema.Migration(name: "dashboard-1-staff-sessions", statements: [
            """
            CREATE TABLE dashboard_staff (
                name text PRIMARY KEY,
                password_hash text NOT NULL,
                made_at timestamptz NOT NULL DEFAULT now())
            """,
            """
            CREATE TABLE dashboard_sessions (
                token_hash bytea PRIMARY KEY,
                staff_name text NOT NULL REFERENCES dashboard_staff (name) ON DELETE CASCADE,
                csrf text NOT NULL,
                made_at timestamptz NOT NULL DEFAULT now(),
                seen_at timestamptz NOT NULL DEFAULT now())
            """,
            """
            CREATE TABLE dashboard_sign_in_failures (
                name text PRIMARY KEY,
                failures integer NOT NULL CHECK (failures > 0),
                last_failure timestamptz NOT NULL)
            """,
        ]),
    ]
}
