-- Extractor 2026.12.1: how a figure relates to another of its article, and victims counted from a
-- noun phrase. Rows stored before it are independent claims with a numeral (what they were read as).
ALTER TABLE figures ADD COLUMN relation VARCHAR DEFAULT 'independent';
ALTER TABLE figures ADD COLUMN related_to VARCHAR;
ALTER TABLE figures ADD COLUMN implied BOOLEAN DEFAULT false;
