-- The filters, keyset condition, order and limit shared by api_figures.sql and
-- api_figures_keys.sql (spliced in for their WHERE placeholder by service/query/figures.py). Every filter is a
-- bind parameter that is NULL when unused; __KEY__/__CMP__/__DIR__/__KEYTYPE__ come from the
-- sort allow-list.
WHERE (CAST($metrics AS VARCHAR[]) IS NULL OR list_contains($metrics, f.metric))
  AND (CAST($ids AS VARCHAR[]) IS NULL OR list_contains($ids, f.figure_id))
  AND (CAST($article_id AS VARCHAR) IS NULL OR f.article_id = $article_id)
  AND (CAST($place_path AS VARCHAR) IS NULL
       OR f.place_path = $place_path OR starts_with(f.place_path, rtrim($place_path, '/') || '/'))
  AND (CAST($country AS VARCHAR) IS NULL OR f.country = $country)
  AND (CAST($date_from AS DATE) IS NULL OR coalesce(f.event_date_end, f.event_date_start) >= $date_from)
  AND (CAST($date_to AS DATE) IS NULL OR f.event_date_start <= $date_to)
  AND (CAST($published_from AS DATE) IS NULL OR a.published >= $published_from)
  AND (CAST($published_to AS DATE) IS NULL OR a.published <= $published_to)
  AND (CAST($group_classes AS VARCHAR[]) IS NULL OR list_contains($group_classes, f.group_class))
  AND (CAST($perpetrator AS VARCHAR) IS NULL OR contains(lower(f.perpetrator), lower($perpetrator)))
  AND (CAST($claimed_by AS VARCHAR) IS NULL OR contains(lower(f.claimed_by), lower($claimed_by)))
  AND (CAST($cumulative AS BOOLEAN) IS NULL OR f.cumulative = $cumulative)
  AND (CAST($vague AS BOOLEAN) IS NULL OR f.vague = $vague)
  AND (CAST($min_confidence AS DOUBLE) IS NULL OR f.confidence >= $min_confidence)
  AND (CAST($review_statuses AS VARCHAR[]) IS NULL OR list_contains($review_statuses, f.review_status))
  AND (CAST($updated_after AS INTEGER) IS NULL OR f.updated_version > $updated_after)
  AND (CAST($include_synthetic AS BOOLEAN) OR NOT f.synthetic)
  AND (CAST($after_id AS VARCHAR) IS NULL
       OR __KEY__ __CMP__ CAST($after_key AS __KEYTYPE__)
       OR (__KEY__ = CAST($after_key AS __KEYTYPE__) AND f.figure_id __CMP__ $after_id))
ORDER BY __KEY__ __DIR__, f.figure_id __DIR__
LIMIT CAST($limit AS BIGINT)
