-- The stateless baseline's own tables: accounts, carts (one row per user, lines as a JSON array in first-added
-- order, so a read is one primary-key probe and a change one UPDATE), orders and applied operation ids.
CREATE TABLE baseline.accounts (
    user_id         text        NOT NULL PRIMARY KEY,
    password_hash   text        NOT NULL,
    registered_at   timestamptz NOT NULL,
    failed_logins   integer     NOT NULL DEFAULT 0,
    locked_until    timestamptz
);

CREATE TABLE baseline.carts (
    user_id      text    NOT NULL PRIMARY KEY REFERENCES baseline.accounts (user_id),
    version      integer NOT NULL DEFAULT 0,
    lines        jsonb   NOT NULL DEFAULT '[]',
    order_count  integer NOT NULL DEFAULT 0
);

CREATE TABLE baseline.orders (
    user_id       text        NOT NULL REFERENCES baseline.accounts (user_id),
    order_id      text        NOT NULL,
    placed_at     timestamptz NOT NULL,
    operation_id  uuid        NOT NULL,
    lines         jsonb       NOT NULL,
    PRIMARY KEY (user_id, order_id)
);

-- Idempotency: an applied operation id and what it produced (the cart version; an order id), so a retry returns
-- the original outcome. Cart operations are pruned to the newest CartOptions.OperationWindow per user.
CREATE TABLE baseline.operations (
    user_id       text    NOT NULL,
    operation_id  uuid    NOT NULL,
    kind          text    NOT NULL,
    version       integer NOT NULL,
    result        text,
    PRIMARY KEY (user_id, operation_id)
);

CREATE INDEX operations_by_version ON baseline.operations (user_id, kind, version);
