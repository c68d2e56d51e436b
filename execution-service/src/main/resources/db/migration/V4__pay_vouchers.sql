-- Treasury payment vouchers (国库集中支付凭证) of the integrated budget system (预算管理一体化): every state received,
-- the state each voucher is in now, and the pointer from each ledger entry to the voucher state that made it.

-- Every voucher state received (treasury.pay-vouchers, POST /api/pay-vouchers), applied or not. Append-only (trigger).
-- status: APPLIED (became the voucher's state when it arrived), STALE (an earlier UPDATE_TIME than the voucher's state,
-- arrived late), CONFLICT (the UPDATE_TIME of a state received before, other content). The same state again (same
-- UPDATE_TIME and content) is not stored twice. amount and paid_on are XPAY_AMT and XPAY_DATE of a paid state.
CREATE SEQUENCE voucher_state_id_seq;
CREATE TABLE voucher_state (
    id               BIGINT        PRIMARY KEY,
    pay_cert_id      TEXT          NOT NULL,
    pay_cert_no      TEXT          NOT NULL,
    update_time      TIMESTAMP     NOT NULL,             -- as sent: Asia/Shanghai local time
    content_hash     BYTEA         NOT NULL,
    status           TEXT          NOT NULL,
    paid             BOOLEAN       NOT NULL,
    deleted          BOOLEAN       NOT NULL,
    fiscal_year      INT           NOT NULL,
    agency_code      TEXT          NOT NULL,
    project_code     TEXT          NOT NULL,
    fund_source      TEXT          NOT NULL,             -- FISCAL | OTHER, from FUND_TYPE_CODE by the configured table
    amount           NUMERIC(18,2),
    paid_on          DATE,
    record           JSONB         NOT NULL,             -- the normalized elements, lower-case names
    source           TEXT          NOT NULL,             -- KAFKA | HTTP
    source_topic     TEXT,
    source_partition INT,
    source_offset    BIGINT,
    received_at      TIMESTAMPTZ   NOT NULL,
    UNIQUE (pay_cert_id, update_time, content_hash)
);
CREATE FUNCTION voucher_state_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'voucher_state is append-only';
END;
$$;
CREATE TRIGGER voucher_state_append_only BEFORE UPDATE OR DELETE ON voucher_state
    FOR EACH ROW EXECUTE FUNCTION voucher_state_forbid_change();

-- The state each voucher is in now (the APPLIED state with the latest UPDATE_TIME): what it counts in the ledger.
CREATE TABLE voucher (
    pay_cert_id      TEXT        PRIMARY KEY,
    current_state_id BIGINT      NOT NULL REFERENCES voucher_state (id),
    agency_code      TEXT        NOT NULL,
    project_code     TEXT        NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);

-- The voucher state whose application made a ledger entry (kind VOUCHER); null for payment records. Voucher entries
-- are found by their entry ids (<PAY_CERT_ID>#<UPDATE_TIME yyyyMMddHHmmss>[#reversal], the primary key), so the
-- column needs no index.
ALTER TABLE ledger_entry ADD COLUMN voucher_state_id BIGINT;
