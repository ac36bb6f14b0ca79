-- Extractor 2026.12.138: a claim the text says another party denies or has not confirmed
-- (service/extract/frames/sources.py). Rows stored before it were read as undisputed.
ALTER TABLE figures ADD COLUMN disputed BOOLEAN DEFAULT false;
