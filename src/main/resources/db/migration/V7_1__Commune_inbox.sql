-- NORMAL broadcasts whose target is an area above commune level (a province or district) reach each commune under
-- it as an inbox item; only communes whose item is ACCEPTED (without a new time) receive the broadcast itself.
CREATE TABLE inbox_item (
    id                  UUID         NOT NULL PRIMARY KEY,
    broadcast_id        UUID         NOT NULL REFERENCES broadcast (id),
    commune_code        VARCHAR(32)  NOT NULL REFERENCES area (code),
    status              VARCHAR(16)  NOT NULL,
    -- the commune's own broadcast when the item was accepted at a new time
    placed_broadcast_id UUID,
    reason              VARCHAR(1000),
    decided_by          VARCHAR(64),
    decided_at          TIMESTAMP WITH TIME ZONE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT inbox_item_broadcast_commune_uk UNIQUE (broadcast_id, commune_code)
);
CREATE INDEX inbox_item_commune_idx ON inbox_item (commune_code, status);

-- How a commune takes NORMAL broadcasts from above: AUTO_ACCEPT or MANUAL. A commune without a row follows
-- loaxa.inbox.default-policy.
CREATE TABLE commune_inbox_policy (
    area_code  VARCHAR(32) NOT NULL PRIMARY KEY REFERENCES area (code),
    policy     VARCHAR(16) NOT NULL,
    updated_by VARCHAR(64),
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
