-- Extractor 2026.12.43: what caused a figure's harm (service/extract/frames/cause.py): conflict,
-- disaster, accident or illness. Rows stored before it were all read as conflict.
ALTER TABLE figures ADD COLUMN cause VARCHAR DEFAULT 'conflict';
