package io.bookingkit.spring;

import io.bookingkit.BookingEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code bookingkit.*} settings of the auto-configuration. Settings left unset keep the
 * library's own defaults, which the descriptions repeat.
 */
@ConfigurationProperties(prefix = BookingProperties.PREFIX)
public class BookingProperties {

    /** The prefix of every bookingkit property. */
    public static final String PREFIX = "bookingkit";

    /**
     * Ready templates to include, by name: barber, psychologist, doctor, field-service,
     * group-class. Template files and bookingkit.templates.* of the same name replace them.
     */
    private List<String> verticals = new ArrayList<>();

    /**
     * Where template files are found: Spring resource patterns, each file a template's
     * .properties (the keys of README's Templates table). Two files may not name the same template.
     */
    private List<String> templateLocations = new ArrayList<>(List.of("classpath*:bookingkit/*.properties"));

    /**
     * Templates by name, each with the keys of a template file (duration, buffer.after,
     * limit.customer.day, confirmation, ...; see README's Templates table); "name" may be left
     * out, it is the map key. They replace a file's or ready template of the same name.
     */
    private Map<String, Map<String, String>> templates = new LinkedHashMap<>();

    private final Jdbc jdbc = new Jdbc();

    private final Maintenance maintenance = new Maintenance();

    private final Notifications notifications = new Notifications();

    /**
     * {@code bookingkit.verticals}: the ready templates to include, by name (barber,
     * psychologist, doctor, field-service, group-class). Empty by default: none.
     *
     * @return the names, in the order given
     */
    public List<String> getVerticals() {
        return verticals;
    }

    /**
     * Sets {@code bookingkit.verticals}; an unknown name fails startup.
     *
     * @param verticals names of ready templates
     */
    public void setVerticals(List<String> verticals) {
        this.verticals = verticals;
    }

    /**
     * {@code bookingkit.template-locations}: Spring resource patterns of template files, each a
     * template's {@code .properties}. Default: {@code classpath*:bookingkit/*.properties}.
     *
     * @return the patterns
     */
    public List<String> getTemplateLocations() {
        return templateLocations;
    }

    /**
     * Sets {@code bookingkit.template-locations}, replacing the default pattern; two files found
     * may not name the same template.
     *
     * @param templateLocations Spring resource patterns, such as {@code classpath*:bookingkit/*.properties}
     */
    public void setTemplateLocations(List<String> templateLocations) {
        this.templateLocations = templateLocations;
    }

    /**
     * {@code bookingkit.templates.<name>.<key>}: templates written as properties, by name, each
     * with the keys of a template file. Empty by default. A template here replaces a file's or
     * ready template of the same name.
     *
     * @return the keys and values of each template, by template name
     */
    public Map<String, Map<String, String>> getTemplates() {
        return templates;
    }

    /**
     * Sets {@code bookingkit.templates}.
     *
     * @param templates the keys and values of each template, by template name
     */
    public void setTemplates(Map<String, Map<String, String>> templates) {
        this.templates = templates;
    }

    /**
     * {@code bookingkit.jdbc.*}.
     *
     * @return the settings of the JDBC store
     */
    public Jdbc getJdbc() {
        return jdbc;
    }

    /**
     * {@code bookingkit.maintenance.*}.
     *
     * @return the settings of the scheduled maintenance runs
     */
    public Maintenance getMaintenance() {
        return maintenance;
    }

    /**
     * {@code bookingkit.notifications.*}.
     *
     * @return the settings of the outbox and its delivery
     */
    public Notifications getNotifications() {
        return notifications;
    }

    /** The JDBC store on the application's DataSource. */
    public static class Jdbc {

        /**
         * Whether the starter creates or upgrades the bookingkit tables at startup (Schema.create,
         * which records their version in its own table). Unset: yes, unless the application has a
         * Flyway or Liquibase bean; then its migrations are expected to include the scripts shipped
         * under io/bookingkit/jdbc/schema/.
         */
        private Boolean createSchema;

        /** Prefix of every bookingkit table name; the store's default is bk_. */
        private String tablePrefix;

        /** How often a unit of work is retried after a deadlock or lock timeout; the store's default is 10. */
        private Integer maxRetries;

        /** The first wait before such a retry, doubled each time; the store's default is 10ms. */
        private Duration retryBackoff;

        /**
         * {@code bookingkit.jdbc.create-schema}: whether the starter creates or upgrades the
         * bookingkit tables at startup. Unset by default, which means yes unless the application
         * has a Flyway or Liquibase bean.
         *
         * @return the setting, or null when unset
         */
        public Boolean getCreateSchema() {
            return createSchema;
        }

        /**
         * Sets {@code bookingkit.jdbc.create-schema}.
         *
         * @param createSchema true to create or upgrade the tables at startup, false to leave them
         *        to the application's migrations, null to decide by the presence of Flyway or Liquibase
         */
        public void setCreateSchema(Boolean createSchema) {
            this.createSchema = createSchema;
        }

        /**
         * {@code bookingkit.jdbc.table-prefix}: the prefix of every bookingkit table name. Unset
         * by default, which keeps the store's {@code bk_}.
         *
         * @return the prefix, or null when unset
         */
        public String getTablePrefix() {
            return tablePrefix;
        }

        /**
         * Sets {@code bookingkit.jdbc.table-prefix}.
         *
         * @param tablePrefix the prefix of every table name, or null for the store's {@code bk_}
         */
        public void setTablePrefix(String tablePrefix) {
            this.tablePrefix = tablePrefix;
        }

        /**
         * {@code bookingkit.jdbc.max-retries}: how many times a unit of work is retried after a
         * deadlock or lock timeout. Unset by default, which keeps the store's 10.
         *
         * @return the number of retries, or null when unset
         */
        public Integer getMaxRetries() {
            return maxRetries;
        }

        /**
         * Sets {@code bookingkit.jdbc.max-retries}; a negative number fails startup.
         *
         * @param maxRetries the number of retries, or null for the store's 10
         */
        public void setMaxRetries(Integer maxRetries) {
            this.maxRetries = maxRetries;
        }

        /**
         * {@code bookingkit.jdbc.retry-backoff}: the wait before the first retry, doubled before
         * each further one. Unset by default, which keeps the store's 10 milliseconds.
         *
         * @return the first wait, or null when unset
         */
        public Duration getRetryBackoff() {
            return retryBackoff;
        }

        /**
         * Sets {@code bookingkit.jdbc.retry-backoff}; a zero or negative duration fails startup.
         *
         * @param retryBackoff the first wait, such as {@code 10ms}, or null for the store's 10 milliseconds
         */
        public void setRetryBackoff(Duration retryBackoff) {
            this.retryBackoff = retryBackoff;
        }
    }

    /** The scheduled engine.runMaintenance(): expiries, waitlist offers, quorums, due notifications. */
    public static class Maintenance {

        /** Whether the starter schedules engine.runMaintenance() on this node. */
        private boolean enabled = true;

        /** The pause between the end of one maintenance run and the start of the next. */
        private Duration interval = Duration.ofSeconds(5);

        // BookingEngine.Builder.maintenance(batch, lease) takes both at once, so setting either
        // alone needs the library's default for the other.

        /** Most due tasks one run claims. */
        private int batch = BookingEngine.Builder.DEFAULT_MAINTENANCE_BATCH;

        /** How long a run holds its claim on a task; a task whose run failed is claimed again after it. */
        private Duration lease = BookingEngine.Builder.DEFAULT_MAINTENANCE_LEASE;

        /**
         * {@code bookingkit.maintenance.enabled}: whether this node schedules
         * {@code engine.runMaintenance()}. Default: true.
         *
         * @return whether maintenance runs are scheduled on this node
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets {@code bookingkit.maintenance.enabled}.
         *
         * @param enabled false to run no maintenance on this node, as when another node runs it
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * {@code bookingkit.maintenance.interval}: the pause between the end of one maintenance
         * run and the start of the next. Default: 5 seconds.
         *
         * @return the pause
         */
        public Duration getInterval() {
            return interval;
        }

        /**
         * Sets {@code bookingkit.maintenance.interval}.
         *
         * @param interval the pause, such as {@code 5s}
         * @throws IllegalArgumentException when it is null, zero or negative
         */
        public void setInterval(Duration interval) {
            this.interval = positive(interval, "bookingkit.maintenance.interval");
        }

        /**
         * {@code bookingkit.maintenance.batch}: the most due tasks one maintenance run claims.
         * Default: 100, the library's.
         *
         * @return the number of tasks
         */
        public int getBatch() {
            return batch;
        }

        /**
         * Sets {@code bookingkit.maintenance.batch}.
         *
         * @param batch the number of tasks
         * @throws IllegalArgumentException when it is zero or negative
         */
        public void setBatch(int batch) {
            if (batch <= 0) {
                throw new IllegalArgumentException("bookingkit.maintenance.batch must be positive, but was " + batch);
            }
            this.batch = batch;
        }

        /**
         * {@code bookingkit.maintenance.lease}: how long a run holds its claim on a task; a task
         * whose run failed is claimed again once it has passed. Default: 1 minute, the library's.
         *
         * @return the claim's duration
         */
        public Duration getLease() {
            return lease;
        }

        /**
         * Sets {@code bookingkit.maintenance.lease}.
         *
         * @param lease the claim's duration, such as {@code 1m}
         * @throws IllegalArgumentException when it is null, zero or negative
         */
        public void setLease(Duration lease) {
            this.lease = positive(lease, "bookingkit.maintenance.lease");
        }
    }

    /** Notifications: the outbox and its delivery to the application's NotificationPort. */
    public static class Notifications {

        /**
         * Write notifications to the outbox even without a NotificationPort bean, for nodes that
         * only take bookings while another node delivers.
         */
        private boolean deliveredElsewhere = false;

        private final Dispatch dispatch = new Dispatch();

        /**
         * {@code bookingkit.notifications.delivered-elsewhere}: whether the engine writes
         * notifications to the outbox even without a NotificationPort bean, for nodes that only
         * take bookings while another node delivers. Default: false.
         *
         * @return whether notifications are written without a port
         */
        public boolean isDeliveredElsewhere() {
            return deliveredElsewhere;
        }

        /**
         * Sets {@code bookingkit.notifications.delivered-elsewhere}.
         *
         * @param deliveredElsewhere true to write notifications to the outbox without a NotificationPort bean
         */
        public void setDeliveredElsewhere(boolean deliveredElsewhere) {
            this.deliveredElsewhere = deliveredElsewhere;
        }

        /**
         * {@code bookingkit.notifications.dispatch.*}.
         *
         * @return the settings of the scheduled delivery of due notifications
         */
        public Dispatch getDispatch() {
            return dispatch;
        }
    }

    /**
     * The scheduled delivery of due notifications (engine.dispatchNotifications()): reminders
     * and retries. Maintenance runs deliver too; this delivers between them.
     */
    public static class Dispatch {

        /** Whether the starter schedules delivery of due notifications on this node. */
        private boolean enabled = true;

        /** The pause between the end of one delivery and the start of the next. */
        private Duration interval = Duration.ofSeconds(5);

        /**
         * {@code bookingkit.notifications.dispatch.enabled}: whether this node schedules
         * {@code engine.dispatchNotifications()}. Default: true.
         *
         * @return whether delivery runs are scheduled on this node
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets {@code bookingkit.notifications.dispatch.enabled}.
         *
         * @param enabled false to schedule no delivery on this node; maintenance runs still deliver
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * {@code bookingkit.notifications.dispatch.interval}: the pause between the end of one
         * delivery run and the start of the next. Default: 5 seconds.
         *
         * @return the pause
         */
        public Duration getInterval() {
            return interval;
        }

        /**
         * Sets {@code bookingkit.notifications.dispatch.interval}.
         *
         * @param interval the pause, such as {@code 5s}
         * @throws IllegalArgumentException when it is null, zero or negative
         */
        public void setInterval(Duration interval) {
            this.interval = positive(interval, "bookingkit.notifications.dispatch.interval");
        }
    }

    private static Duration positive(Duration value, String property) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration, but was " + value);
        }
        return value;
    }
}
