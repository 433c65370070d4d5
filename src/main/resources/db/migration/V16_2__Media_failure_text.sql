-- Why a media item failed, as a message key and its arguments (JSON), so that it is shown in the reader's language;
-- failure_reason keeps the English text for logs and older rows.
ALTER TABLE media ADD COLUMN failure_text VARCHAR(2000);
