-- The PostgreSQL ledger of docs/BENCHMARKS.md: what most users would build instead of the engine. One purchase
-- is ONE call of purchase(), so one transaction: the idempotency check on the txId, the member's balance
-- locked and updated, the purchase row and its ledger rows. The arithmetic is the engine's default program:
-- 1 point = 100 minor units, 5% of what is paid in money earned, at most 30% of the cheque paid with points.
-- :members is the member count (psql -v members=N).

CREATE TABLE members (
    id      bigint PRIMARY KEY,
    card    text   NOT NULL UNIQUE,
    balance bigint NOT NULL
);

CREATE TABLE purchases (
    tx_id           text        PRIMARY KEY,
    member_id       bigint      NOT NULL REFERENCES members (id),
    total           bigint      NOT NULL,
    points_redeemed bigint      NOT NULL,
    points_earned   bigint      NOT NULL,
    payable         bigint      NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ledger (
    id        bigserial   PRIMARY KEY,
    member_id bigint      NOT NULL,
    tx_id     text        NOT NULL,
    kind      text        NOT NULL,
    points    bigint      NOT NULL,
    at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_member ON ledger (member_id, id);

INSERT INTO members (id, card, balance)
SELECT i, '777' || lpad(i::text, 9, '0'), 100000 FROM generate_series(1, :members) AS i;
ANALYZE members;

-- Returns the member's balance after the purchase. A txId seen before answers the first purchase again and
-- changes nothing; a redemption above the balance or the 30% cap raises (and rolls back), as a 422 would.
CREATE FUNCTION purchase(p_tx_id text, p_member_id bigint, p_total bigint, p_redeem bigint)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    v_balance bigint;
    v_earned  bigint;
    v_payable bigint;
BEGIN
    IF EXISTS (SELECT 1 FROM purchases WHERE tx_id = p_tx_id) THEN
        SELECT m.balance INTO v_balance FROM members m WHERE m.id = p_member_id;
        RETURN v_balance;
    END IF;
    SELECT balance INTO v_balance FROM members WHERE id = p_member_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'MEMBER_NOT_FOUND %', p_member_id;
    END IF;
    IF p_redeem > v_balance THEN
        RAISE EXCEPTION 'INSUFFICIENT_POINTS';
    END IF;
    IF p_redeem * 100 > p_total * 3000 / 10000 THEN
        RAISE EXCEPTION 'REDEEM_LIMIT_EXCEEDED';
    END IF;
    v_payable := p_total - p_redeem * 100;
    v_earned := v_payable * 500 / 10000 / 100;
    UPDATE members SET balance = balance - p_redeem + v_earned WHERE id = p_member_id;
    INSERT INTO purchases (tx_id, member_id, total, points_redeemed, points_earned, payable)
    VALUES (p_tx_id, p_member_id, p_total, p_redeem, v_earned, v_payable);
    IF p_redeem > 0 THEN
        INSERT INTO ledger (member_id, tx_id, kind, points) VALUES (p_member_id, p_tx_id, 'REDEEM', -p_redeem);
    END IF;
    INSERT INTO ledger (member_id, tx_id, kind, points) VALUES (p_member_id, p_tx_id, 'EARN', v_earned);
    RETURN v_balance - p_redeem + v_earned;
END;
$$;
