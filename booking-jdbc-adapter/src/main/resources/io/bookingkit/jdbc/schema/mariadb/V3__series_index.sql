-- V3: an occurrence's place in its recurring series, and the index that finds a series.
ALTER TABLE bk_booking ADD COLUMN series_index integer NULL, ADD INDEX bk_booking_series (tenant_id, series_id);
