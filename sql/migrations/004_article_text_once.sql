-- Article text stored once: the extraction text is the original with its boilerplate spans
-- blanked, so store those spans (blanked) and an empty extraction_text instead of a second copy
-- of the text (87% of the file at a million figures). Rows whose two texts were equal lose the copy
-- here; a row stored with other blanking keeps its extraction_text as it was.
ALTER TABLE articles ADD COLUMN blanked INTEGER[][];
UPDATE articles SET extraction_text = '', blanked = [] WHERE extraction_text = text;
