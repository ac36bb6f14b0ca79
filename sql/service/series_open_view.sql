-- The figure rows (every stored row: figures_as_of picks the ones current at the version) whose date
-- may be open at some version (sql/views.sql series_input: no event start, so dated by the article's
-- publication; or a range of up to a week starting on one of the days registered as
-- series_part_days), and every reviewed figure (a review may set the dates): for series_open.sql.
-- Each branch filters inside the scan (a null start; the days), so that the other columns are read
-- for those rows alone. A figure may come twice (open and reviewed): harmless, series_open.sql
-- returns windows. A temporary view of this cursor's own.
CREATE OR REPLACE TEMP VIEW series_open_figures AS
SELECT f.* FROM figures AS f
WHERE f.event_date_start IS NULL
UNION ALL
SELECT f.* FROM figures AS f
WHERE f.event_date_start IN (SELECT day FROM series_part_days)
  AND f.event_date_end > f.event_date_start AND f.event_date_end - f.event_date_start <= 7
UNION ALL
SELECT f.* FROM figures AS f
WHERE f.figure_key IN (SELECT figure_key FROM reviews)
