-- An administrator can lock a person's account: a locked account cannot log in, its web sessions and API tokens stop
-- working at once, until it is unlocked.
ALTER TABLE account ADD COLUMN locked_at TIMESTAMP WITH TIME ZONE;
