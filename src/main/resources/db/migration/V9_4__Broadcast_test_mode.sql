-- Test-mode broadcasts (docs/security.md): tagged as tests in manifests, pages and reports.
ALTER TABLE broadcast ADD COLUMN test_mode BOOLEAN DEFAULT FALSE NOT NULL;
