-- V5: the rule a series was booked by, on each of its occurrences, so that a calendar can show it as one event.
ALTER TABLE bk_booking ADD COLUMN series_rule varchar(1000) NULL;
