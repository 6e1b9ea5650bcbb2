-- The application's own table, migrated by Flyway beside the bookingkit tables.
CREATE TABLE shop_order (id varchar(64) PRIMARY KEY, customer varchar(64) NOT NULL);
