-- Named receiver groups (for example the receivers at schools or markets), usable as broadcast targets.
CREATE TABLE receiver_group (
    code       VARCHAR(64)  NOT NULL PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    created_by VARCHAR(64)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE receiver_group_member (
    group_code  VARCHAR(64) NOT NULL REFERENCES receiver_group (code) ON DELETE CASCADE,
    receiver_id VARCHAR(64) NOT NULL REFERENCES receiver (id) ON DELETE CASCADE,
    PRIMARY KEY (group_code, receiver_id)
);

-- Groups targeted by a broadcast; resolved to their members at each dispatch.
CREATE TABLE broadcast_target_group (
    broadcast_id UUID        NOT NULL REFERENCES broadcast (id) ON DELETE CASCADE,
    group_code   VARCHAR(64) NOT NULL,
    PRIMARY KEY (broadcast_id, group_code)
);
