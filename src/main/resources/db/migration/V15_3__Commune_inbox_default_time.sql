-- A commune's usual airing time (local, in the broadcast's zone): the commune inbox page proposes it when an operator
-- accepts an item at the commune's own time. NULL: the page proposes the broadcast's own time.
ALTER TABLE commune_inbox_policy ADD COLUMN default_time TIME;
