-- The figure rows (every stored row: figures_as_of picks the ones current at the version) of the
-- figures registered as series_part_ids (figure_id), for series_partitions.sql. A temporary view
-- of this cursor's own.
CREATE OR REPLACE TEMP VIEW series_part_figures AS
SELECT f.* FROM figures AS f
WHERE f.figure_key IN (SELECT figure_id FROM series_part_ids)
