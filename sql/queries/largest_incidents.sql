-- title: Largest single reported incidents
-- Answers: the incidents with the highest reported number for a flow metric in a period, with
-- the quote and the publisher, to check the figures that dominate a total.
-- param metric: string = killed -- a flow metric: killed, injured, killed_or_injured, released, abducted, conscripted
-- param date_from: date = 2021-02-01 -- first event date included
-- param date_to: date = 2099-12-31 -- last event date included
-- param limit: integer = 20 -- how many incidents (1 to 1000)
SELECT figure_id, value, low, high, qualifier, event_date_start, location, place_code, "group",
       claimed_by, quote, article_source, article_title, article_url
FROM figures_with_provenance
WHERE metric = $metric AND NOT cumulative AND NOT vague
  AND event_date_start BETWEEN $date_from AND $date_to
ORDER BY value DESC, event_date_start, figure_id
LIMIT least(greatest($limit, 1), 1000)
