-- GET /api/v1/places: gazetteer search. Exact code or name first, then names and aliases that
-- start with $q, then those containing it. Within each, places in the countries the corpus is
-- about come first (by their number of current figures): in a Myanmar corpus "Tamu" is the
-- township, not a same-named town abroad. Then shallower units before deeper ones.
WITH corpus AS (
    SELECT country, count(*) AS figures
    FROM figures_current
    WHERE country IS NOT NULL
    GROUP BY country
), scored AS (
    SELECT p.*,
           CASE
               WHEN CAST($q AS VARCHAR) IS NULL THEN 3
               WHEN lower(p.code) = lower($q) OR lower(p.name) = lower($q)
                    OR list_contains(list_transform(p.aliases, x -> lower(x)), lower($q)) THEN 0
               WHEN starts_with(lower(p.name), lower($q))
                    OR len(list_filter(p.aliases, x -> starts_with(lower(x), lower($q)))) > 0 THEN 1
               WHEN contains(lower(p.name), lower($q))
                    OR len(list_filter(p.aliases, x -> contains(lower(x), lower($q)))) > 0 THEN 2
           END AS score
    FROM places AS p
    WHERE (CAST($level AS VARCHAR) IS NULL OR p.level = $level)
      AND (CAST($country AS VARCHAR) IS NULL OR p.country = $country)
      AND (CAST($parent AS VARCHAR) IS NULL OR p.parent_code = $parent)
)
SELECT s.code, s.name, s.level, s.country, s.admin1, s.admin1_pcode, s.parent_code, pp.name AS parent_name,
       s.path, s.lat, s.lon, coalesce(s.aliases, []) AS aliases
FROM scored AS s
LEFT JOIN places AS pp ON pp.code = s.parent_code
LEFT JOIN corpus AS c ON c.country = s.country
WHERE s.score IS NOT NULL
ORDER BY s.score, coalesce(c.figures, 0) DESC, len(s.path) - len(replace(s.path, '/', '')), s.name, s.code
LIMIT CAST($limit AS BIGINT)
