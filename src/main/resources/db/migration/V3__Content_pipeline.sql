-- Content pipeline: background processing with progress, MP3 fallback, transcripts, language and topic catalogues,
-- area language profiles, bulletin approval and a diacritic-free search column. Runs on H2 2.x and PostgreSQL 15.

-- media: progress of background processing and the upload waiting for it
ALTER TABLE media ADD COLUMN progress INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE media ADD COLUMN upload_path VARCHAR(1000);
ALTER TABLE media ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE media ADD COLUMN true_peak_dbtp DOUBLE PRECISION;
ALTER TABLE media ADD COLUMN mp3_sha256 VARCHAR(64);
ALTER TABLE media ADD COLUMN mp3_size_bytes BIGINT;
ALTER TABLE media ADD COLUMN transcript VARCHAR(20000);
-- lower-case, diacritics removed (đ → d), maintained in Java; searched with LIKE on H2 and PostgreSQL alike
ALTER TABLE media ADD COLUMN search_text VARCHAR(21000);
CREATE INDEX media_status_idx ON media (status, updated_at);

-- ISO 639-3 language catalogue
CREATE TABLE language (
    code         VARCHAR(3)   NOT NULL PRIMARY KEY,
    name_vi      VARCHAR(100) NOT NULL,
    name_en      VARCHAR(100) NOT NULL,
    dialect_note VARCHAR(500)
);
INSERT INTO language (code, name_vi, name_en, dialect_note) VALUES
    ('vie', 'Tiếng Việt', 'Vietnamese', NULL),
    ('tyz', 'Tiếng Tày', 'Tày', 'Lạng Sơn, Cao Bằng, Bắc Kạn; close to Nùng'),
    ('nut', 'Tiếng Nùng', 'Nùng', 'Lạng Sơn, Cao Bằng; several local varieties (Nùng Phàn Slình, Nùng Cháo, …)'),
    ('ium', 'Tiếng Dao (Iu Mien)', 'Iu Mien', 'Dao Đỏ and related groups'),
    ('mji', 'Tiếng Dao (Kim Mun)', 'Kim Mun', 'Dao Thanh Y, Dao Quần Chẹt and related groups'),
    ('hmn', 'Tiếng H''Mông', 'Hmong', 'macrolanguage; use hnj or mww where the variety is known'),
    ('hnj', 'Tiếng H''Mông Njua (Mông Xanh)', 'Hmong Njua', 'Mông Xanh / Mông Lềnh'),
    ('mww', 'Tiếng H''Mông Daw (Mông Trắng)', 'Hmong Daw', 'Mông Trắng / Mông Đơ'),
    ('mlc', 'Tiếng Sán Chay (Cao Lan)', 'Cao Lan', 'Sán Chay; Cao Lan and Sán Chí speak different varieties');

-- ordered language profile of an area; receivers without their own profile inherit the nearest one up the tree
CREATE TABLE area_language (
    area_code VARCHAR(32) NOT NULL REFERENCES area (code) ON DELETE CASCADE,
    position  INTEGER     NOT NULL,
    language  VARCHAR(8)  NOT NULL,
    PRIMARY KEY (area_code, position)
);

-- bulletin topic catalogue
CREATE TABLE topic (
    code    VARCHAR(40)  NOT NULL PRIMARY KEY,
    name_vi VARCHAR(100) NOT NULL,
    name_en VARCHAR(100) NOT NULL
);
INSERT INTO topic (code, name_vi, name_en) VALUES
    ('dan-toc', 'dân tộc', 'ethnic affairs'),
    ('ton-giao', 'tôn giáo', 'religion'),
    ('phap-luat', 'pháp luật', 'law'),
    ('van-hoa', 'văn hóa', 'culture'),
    ('an-ninh-quoc-phong', 'an ninh–quốc phòng', 'security and defence'),
    ('thien-tai-khan-cap', 'thiên tai–khẩn cấp', 'disasters and emergencies'),
    ('y-te', 'y tế', 'health'),
    ('thoi-su', 'thời sự', 'current affairs');

-- bulletin approval (kiểm duyệt) and search
ALTER TABLE bulletin ADD COLUMN source_agency VARCHAR(200);
ALTER TABLE bulletin ADD COLUMN status VARCHAR(16) DEFAULT 'DRAFT' NOT NULL;
ALTER TABLE bulletin ADD COLUMN search_text VARCHAR(1000);

CREATE SEQUENCE bulletin_transition_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE bulletin_transition (
    id          BIGINT      NOT NULL PRIMARY KEY,
    bulletin_id UUID        NOT NULL REFERENCES bulletin (id) ON DELETE CASCADE,
    from_status VARCHAR(16),
    to_status   VARCHAR(16) NOT NULL,
    actor       VARCHAR(64) NOT NULL,
    reason      VARCHAR(1000),
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX bulletin_transition_idx ON bulletin_transition (bulletin_id, occurred_at);
