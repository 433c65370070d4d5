-- What an airing of a broadcast does when a higher-priority item interrupts it on a receiver
-- (RESUME, RESTART or DROP; NULL leaves it to the agent, which resumes). Sent as onPreempt in the manifest.
ALTER TABLE broadcast ADD COLUMN on_preempt VARCHAR(10);
