package io.bookingkit.spring;

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

    public List<String> getVerticals() {
        return verticals;
    }

    public void setVerticals(List<String> verticals) {
        this.verticals = verticals;
    }

    public List<String> getTemplateLocations() {
        return templateLocations;
    }

    public void setTemplateLocations(List<String> templateLocations) {
        this.templateLocations = templateLocations;
    }

    public Map<String, Map<String, String>> getTemplates() {
        return templates;
    }

    public void setTemplates(Map<String, Map<String, String>> templates) {
        this.templates = templates;
    }

    public Jdbc getJdbc() {
        return jdbc;
    }

    public Maintenance getMaintenance() {
        return maintenance;
    }

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

        public Boolean getCreateSchema() {
            return createSchema;
        }

        public void setCreateSchema(Boolean createSchema) {
            this.createSchema = createSchema;
        }

        public String getTablePrefix() {
            return tablePrefix;
        }

        public void setTablePrefix(String tablePrefix) {
            this.tablePrefix = tablePrefix;
        }

        public Integer getMaxRetries() {
            return maxRetries;
        }

        public void setMaxRetries(Integer maxRetries) {
            this.maxRetries = maxRetries;
        }

        public Duration getRetryBackoff() {
            return retryBackoff;
        }

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

        // BookingEngine.Builder.maintenance(batch, lease) takes both at once, so the starter
        // needs the library's defaults to set either alone: these are they.

        /** Most due tasks one run claims. */
        private int batch = 100;

        /** How long a run holds its claim on a task; a task whose run failed is claimed again after it. */
        private Duration lease = Duration.ofMinutes(1);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = positive(interval, "bookingkit.maintenance.interval");
        }

        public int getBatch() {
            return batch;
        }

        public void setBatch(int batch) {
            if (batch <= 0) {
                throw new IllegalArgumentException("bookingkit.maintenance.batch must be positive, but was " + batch);
            }
            this.batch = batch;
        }

        public Duration getLease() {
            return lease;
        }

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

        public boolean isDeliveredElsewhere() {
            return deliveredElsewhere;
        }

        public void setDeliveredElsewhere(boolean deliveredElsewhere) {
            this.deliveredElsewhere = deliveredElsewhere;
        }

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

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return interval;
        }

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
