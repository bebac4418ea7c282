-- ActorScale schema v1: Orleans ADO.NET grain storage on PostgreSQL 15+, written for the provider's query contract.
-- Identity = (service id, state name, N0, N1, key extension). The extension is nullable and NULL is an identity of
-- its own, so a generated NOT NULL encoding of it ('-' for none, '+' || value otherwise) lets the identity be a real
-- primary key: two activations racing their first write cannot both insert, and every lookup is one index probe
-- under custom and generic plans alike. The hash parameters the provider sends are ignored (collision-prone, and
-- coupling rows to the hasher would hide them after a hasher change).

CREATE TABLE orleans.grain_state (
    service_id    varchar(150)  NOT NULL,
    state_name    varchar(150)  NOT NULL,
    grain_n0      bigint        NOT NULL,
    grain_n1      bigint        NOT NULL,
    grain_ext     varchar(512)  NULL,
    grain_ext_key text          GENERATED ALWAYS AS (CASE WHEN grain_ext IS NULL THEN '-' ELSE '+' || grain_ext END) STORED,
    payload       bytea         NULL,
    version       integer       NOT NULL CHECK (version > 0),
    modified_on   timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT grain_state_pk PRIMARY KEY (service_id, state_name, grain_n0, grain_n1, grain_ext_key)
);

-- The provider reads its SQL from this table once, at silo start (unquoted names: PostgreSQL folds them).
CREATE TABLE orleans.orleansquery (
    querykey  varchar(64) NOT NULL PRIMARY KEY,
    querytext text        NOT NULL
);

INSERT INTO orleans.orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', $q$
SELECT payload AS PayloadBinary, version AS Version
FROM orleans.grain_state
WHERE service_id = @ServiceId AND state_name = @GrainTypeString
  AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1
  AND grain_ext_key = (CASE WHEN @GrainIdExtensionString IS NULL THEN '-' ELSE '+' || @GrainIdExtensionString END)
$q$),
-- A guarded update when the grain holds a version, an insert that yields to an existing row when it holds none.
-- No row back means "not written", which the provider reports as an ETag conflict.
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans.grain_state
    SET payload = @PayloadBinary, version = version + 1, modified_on = now()
    WHERE @GrainStateVersion IS NOT NULL
      AND service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1
      AND grain_ext_key = (CASE WHEN @GrainIdExtensionString IS NULL THEN '-' ELSE '+' || @GrainIdExtensionString END)
      AND version = @GrainStateVersion
    RETURNING version
), inserted AS (
    INSERT INTO orleans.grain_state (service_id, state_name, grain_n0, grain_n1, grain_ext, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT grain_state_pk DO NOTHING
    RETURNING version
)
SELECT version AS NewGrainStateVersion FROM updated
UNION ALL
SELECT version FROM inserted
$q$),
('ClearStorageKey', $q$
UPDATE orleans.grain_state
SET payload = NULL, version = version + 1, modified_on = now()
WHERE service_id = @ServiceId AND state_name = @GrainTypeString
  AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1
  AND grain_ext_key = (CASE WHEN @GrainIdExtensionString IS NULL THEN '-' ELSE '+' || @GrainIdExtensionString END)
  AND version = @GrainStateVersion
RETURNING version
$q$),
-- Returns the deleted version + 1: the provider treats an unchanged version as a conflict.
('DeleteStorageKey', $q$
DELETE FROM orleans.grain_state
WHERE service_id = @ServiceId AND state_name = @GrainTypeString
  AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1
  AND grain_ext_key = (CASE WHEN @GrainIdExtensionString IS NULL THEN '-' ELSE '+' || @GrainIdExtensionString END)
  AND version = @GrainStateVersion
RETURNING version + 1
$q$);
