-- Seeds HQ's books with a chain of many stores for benchmarks, straight into the projection
-- tables (no journal rows: `kiosk hq verify` of a seeded database fails, by design).
--   psql URL -v stores=1000 -v transactions=1000000 -f scripts/hq-seed.sql
-- Stores are bench-0001 … (two terminals each, BENCH-0001-1 and -2), in the `familymart`
-- chain of the fixtures that `Sources/KioskBench/HQSeed.swift` writes; 30 business days
-- from 2026-11-01, sales of eight plans paid by cash, card or wallet, one in fifty cancelled,
-- one in a thousand a refund due (one in five of those with the top-up applied).
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO ledgers (store_id, ledger_id, last_seq, last_hash)
SELECT format('bench-%s', lpad(s::text, 4, '0')), format('00000000-0000-4000-8000-%s', lpad(s::text, 12, '0')), 0, repeat('0', 64)
FROM generate_series(1, :stores) AS s;

INSERT INTO transactions (store_id, ledger_id, txn_id, terminal_id, business_date, started_at, finished_at, status,
    sim_number, carrier_id, plan_id, amount_yen, tax_yen, payment_method, cash_in_yen, change_yen, card_brand, card_last4,
    auth_code, receipt_no, top_up_applied)
SELECT format('bench-%s', lpad(store::text, 4, '0')), format('00000000-0000-4000-8000-%s', lpad(store::text, 12, '0')),
       format('BENCH-%s-%s-%s', lpad(store::text, 4, '0'), terminal, lpad(i::text, 8, '0')),
       format('BENCH-%s-%s', lpad(store::text, 4, '0'), terminal),
       to_char(date '2026-11-01' + day, 'YYYY-MM-DD'),
       to_char(timestamp '2026-11-01 00:00:00' + day * interval '1 day' + (i % 86000) * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS".000Z"'),
       to_char(timestamp '2026-11-01 00:01:00' + day * interval '1 day' + (i % 86000) * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS".000Z"'),
       CASE WHEN i % 1000 = 7 THEN 'refund_due' WHEN i % 50 = 3 THEN 'cancelled' ELSE 'completed' END,
       '090' || lpad((i % 100000000)::text, 8, '0'),
       (ARRAY['docomo', 'docomo', 'au', 'au', 'softbank', 'softbank', 'rakuten', 'sakura-mobile'])[1 + i % 8],
       (ARRAY['docomo-3g-30', 'docomo-10g-30', 'au-5g-30', 'au-30g-90', 'sb-5g-30', 'sb-12g-30', 'rakuten-unlimited-30', 'sakura-3g-15'])[1 + i % 8],
       (ARRAY[2980, 4980, 3280, 9980, 3300, 5480, 3278, 1780])[1 + i % 8],
       (ARRAY[2980, 4980, 3280, 9980, 3300, 5480, 3278, 1780])[1 + i % 8] * 10 / 110,
       (ARRAY['cash', 'cash', 'card', 'wallet'])[1 + i % 4],
       0, 0, NULL, NULL, NULL, i, i % 1000 <> 7 OR i % 5000 = 7
FROM (SELECT i, 1 + i % :stores AS store, 1 + (i / :stores) % 2 AS terminal, (i / (:stores * 2)) % 30 AS day
      FROM generate_series(1, :transactions) AS i) AS t;

INSERT INTO refunds_due (store_id, ledger_id, txn_id, terminal_id, yen, reason, at)
SELECT store_id, ledger_id, txn_id, terminal_id, amount_yen, 'change_not_paid', finished_at
FROM transactions WHERE status = 'refund_due' AND store_id LIKE 'bench-%';
COMMIT;
ANALYZE ledgers;
ANALYZE transactions;
ANALYZE refunds_due;
