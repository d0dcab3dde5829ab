-- Promptvakt counters in ClickHouse: organisation totals (docs/COUNTERS.md, "Receiving it").
--
-- The table is written by config-clickhouse.yaml: database promptvakt, table otel_metrics_sum,
-- in the clickhouse exporter's default schema. Columns used here: ServiceName, MetricName,
-- ScopeName, ScopeVersion, AggregationTemporality, Attributes (Map: the labels), StartTimeUnix
-- (the UTC day 00:00), TimeUnix (the next day 00:00) and Value (the count, a Float64).
-- One row = one data point = one browser's count for one day and one series.
--
-- WHY sum(Value) OVER EVERY ROW, AND NEVER argMax / any / LIMIT 1 BY / FINAL / uniq
--   Promptvakt sends no browser or device identifier. Two rows with the same labels and the same
--   timestamps are therefore two different browsers, not a duplicate: the organisation's count
--   is their sum. Anything that keeps "the latest" or "one" row per series and timestamp
--   (argMax, any, LIMIT 1 BY, a ReplacingMergeTree with FINAL, Prometheus-style storage) would
--   keep a single browser's count and drop all others. Each browser sends each completed day
--   once; only when the collector accepted a report and its answer was lost does the browser
--   send that day again (rare, and it cannot be told apart from a second browser).
--
-- THE PRIVACY THRESHOLD k, APPLIED HERE
--   The browsers send every count, also 1s and 2s: a per-browser threshold made organisation
--   totals systematically low and protected nothing, since each report comes with its IP
--   address. k belongs where counts are combined: a cell (one row of a result) whose
--   organisation-wide sum is below k is left out (HAVING count >= k).
--   Choosing k:
--   - k protects the people behind small cells when a result leaves the security team (a
--     report to management, unions, the public). 5 is a common choice; take 10 or more for a
--     small organisation, or for cells that combine a rare category (health, union,
--     protected-identity, ...) with a rare site or rule.
--   - Apply k at the granularity you publish: a month per category usually needs no
--     suppression where a day per category, site and rule does. Group coarser rather than
--     suppress much.
--   - If you publish totals next to suppressed cells, a single suppressed cell can be worked
--     out by subtraction: then suppress a second cell in that row too, or publish coarser.
--   Change k in one place: the WITH clause of each query.
--
-- Catalogue version: ScopeVersion '2' has the labels category, action, site, source, rule and
-- reason. Reports from extension versions with catalogue '1' lack rule and reason (and were
-- cut by a per-browser threshold); the queries below read version 2 only.
--
-- Run with: clickhouse-client --database promptvakt --multiquery < queries.sql
-- (or paste one query). Change the dates in the WITH clauses.


-- 1. Organisation totals per UTC day and series (all six labels), k applied.
WITH
    5 AS k,
    toDate('2026-11-01') AS from_day,  -- first day, inclusive
    toDate('2026-12-01') AS to_day     -- last day, exclusive
SELECT
    toDate(StartTimeUnix, 'UTC')   AS day,
    Attributes['category']         AS category,
    Attributes['action']           AS action,
    Attributes['site']             AS site,
    Attributes['source']           AS source,
    Attributes['rule']             AS rule,
    Attributes['reason']           AS reason,
    toUInt64(sum(Value))           AS count,
    count()                        AS reports  -- data points summed (about: browsers that day)
FROM otel_metrics_sum
WHERE ServiceName = 'promptvakt'
  AND MetricName = 'promptvakt.detections'
  AND ScopeName = 'promptvakt.counters'
  AND ScopeVersion = '2'
  AND AggregationTemporality = 1  -- delta
  AND toDate(StartTimeUnix, 'UTC') >= from_day
  AND toDate(StartTimeUnix, 'UTC') < to_day
GROUP BY day, category, action, site, source, rule, reason
HAVING count >= k
ORDER BY day, count DESC;


-- 2. Organisation totals per month, category and action (coarser: little needs suppressing).
WITH
    5 AS k,
    toDate('2026-01-01') AS from_day,
    toDate('2027-01-01') AS to_day
SELECT
    toStartOfMonth(toDate(StartTimeUnix, 'UTC')) AS month,
    Attributes['category']                       AS category,
    Attributes['action']                         AS action,
    toUInt64(sum(Value))                         AS count
FROM otel_metrics_sum
WHERE ServiceName = 'promptvakt'
  AND MetricName = 'promptvakt.detections'
  AND ScopeVersion = '2'
  AND AggregationTemporality = 1
  AND toDate(StartTimeUnix, 'UTC') >= from_day
  AND toDate(StartTimeUnix, 'UTC') < to_day
GROUP BY month, category, action
HAVING count >= k
ORDER BY month, category, action;


-- 3. False alarms per rule: how often employees pressed "Det här är fel" (This is wrong), next
--    to how often the rule interrupted them (warned + blocked), per month. A high share points
--    at a rule (often an organisation rule, custom.<id>) that needs tuning. k applies to the
--    false-alarm count, the cell that is published.
WITH
    5 AS k,
    toDate('2026-01-01') AS from_day,
    toDate('2027-01-01') AS to_day
SELECT
    toStartOfMonth(toDate(StartTimeUnix, 'UTC'))                            AS month,
    Attributes['rule']                                                      AS rule,
    Attributes['source']                                                    AS source,
    toUInt64(sumIf(Value, Attributes['action'] = 'false-alarm'))            AS false_alarms,
    toUInt64(sumIf(Value, Attributes['action'] IN ('warned', 'blocked')))   AS interruptions,
    round(false_alarms / nullIf(interruptions, 0), 3)                       AS false_alarm_share
FROM otel_metrics_sum
WHERE ServiceName = 'promptvakt'
  AND MetricName = 'promptvakt.detections'
  AND ScopeVersion = '2'
  AND AggregationTemporality = 1
  AND Attributes['action'] IN ('false-alarm', 'warned', 'blocked')
  AND toDate(StartTimeUnix, 'UTC') >= from_day
  AND toDate(StartTimeUnix, 'UTC') < to_day
GROUP BY month, rule, source
HAVING false_alarms >= k
ORDER BY month, false_alarms DESC;


-- 4. "Send anyway" per reason the employee chose, per month and category. reason 'none' means
--    no reason was asked for or given.
WITH
    5 AS k,
    toDate('2026-01-01') AS from_day,
    toDate('2027-01-01') AS to_day
SELECT
    toStartOfMonth(toDate(StartTimeUnix, 'UTC')) AS month,
    Attributes['category']                       AS category,
    Attributes['reason']                         AS reason,
    toUInt64(sum(Value))                         AS sent_anyway
FROM otel_metrics_sum
WHERE ServiceName = 'promptvakt'
  AND MetricName = 'promptvakt.detections'
  AND ScopeVersion = '2'
  AND AggregationTemporality = 1
  AND Attributes['action'] = 'sent-anyway'
  AND toDate(StartTimeUnix, 'UTC') >= from_day
  AND toDate(StartTimeUnix, 'UTC') < to_day
GROUP BY month, category, reason
HAVING sent_anyway >= k
ORDER BY month, category, sent_anyway DESC;


-- 5. Health check (for the operator, not for publication): what arrives per day, from which
--    extension and catalogue versions, and points that are not exactly one UTC day (which no
--    Promptvakt version sends: a sign of another sender on the endpoint).
SELECT
    toDate(StartTimeUnix, 'UTC')                          AS day,
    ScopeVersion                                          AS catalogue,
    ResourceAttributes['service.version']                 AS extension_version,
    count()                                               AS points,
    toUInt64(sum(Value))                                  AS total,
    countIf(toUnixTimestamp(StartTimeUnix) % 86400 != 0
            OR toUnixTimestamp(TimeUnix) - toUnixTimestamp(StartTimeUnix) != 86400)
                                                          AS not_one_utc_day
FROM otel_metrics_sum
WHERE MetricName = 'promptvakt.detections'
GROUP BY day, catalogue, extension_version
ORDER BY day DESC, catalogue, extension_version
LIMIT 200;
