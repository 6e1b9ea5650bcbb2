package io.bookingkit.spring.internal;

import io.bookingkit.BookingEngine;
import io.bookingkit.MaintenanceRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs {@link BookingEngine#runMaintenance()} and {@link BookingEngine#dispatchNotifications()}
 * with a fixed pause between runs, on the application's {@link TaskScheduler} or, when it has
 * none, on a one-thread scheduler of its own. Starts with the context and stops before the
 * data source closes, letting a run in progress finish. A run that fails is logged, and the
 * next one comes as planned: the engine's claims make a retry safe.
 */
public final class ScheduledMaintenance implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledMaintenance.class);

    private static final MaintenanceRun NOTHING_DONE = new MaintenanceRun(0, 0, 0, 0, 0, 0);

    /** Whether a piece of work is scheduled, and the pause between its runs. */
    public record Schedule(boolean enabled, Duration interval) {
    }

    private final BookingEngine engine;
    private final TaskScheduler applicationScheduler;
    private final Schedule maintenance;
    private final Schedule dispatch;
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
    private ThreadPoolTaskScheduler ownScheduler;
    private boolean running;

    /**
     * @param applicationScheduler the application's scheduler, or null to use one of its own
     */
    public ScheduledMaintenance(BookingEngine engine, TaskScheduler applicationScheduler, Schedule maintenance,
                                Schedule dispatch) {
        this.engine = engine;
        this.applicationScheduler = applicationScheduler;
        this.maintenance = maintenance;
        this.dispatch = dispatch;
    }

    @Override
    public synchronized void start() {
        running = true;
        if (!maintenance.enabled() && !dispatch.enabled()) {
            LOG.info("bookingkit maintenance and notification dispatch are not scheduled on this node "
                    + "(bookingkit.maintenance.enabled=false, bookingkit.notifications.dispatch.enabled=false)");
            return;
        }
        TaskScheduler scheduler = applicationScheduler;
        if (scheduler == null) {
            ownScheduler = new ThreadPoolTaskScheduler();
            ownScheduler.setPoolSize(1);
            ownScheduler.setThreadNamePrefix("bookingkit-");
            ownScheduler.setDaemon(true);
            ownScheduler.setWaitForTasksToCompleteOnShutdown(true);
            ownScheduler.setAwaitTerminationSeconds(30);
            ownScheduler.initialize();
            scheduler = ownScheduler;
        }
        if (maintenance.enabled()) {
            scheduled.add(scheduler.scheduleWithFixedDelay(this::runMaintenance, maintenance.interval()));
        }
        if (dispatch.enabled()) {
            scheduled.add(scheduler.scheduleWithFixedDelay(this::dispatchNotifications, dispatch.interval()));
        }
        LOG.info("bookingkit maintenance {}, notification dispatch {}, on {}",
                maintenance.enabled() ? "every " + maintenance.interval() : "off",
                dispatch.enabled() ? "every " + dispatch.interval() : "off",
                applicationScheduler != null ? "the application's TaskScheduler" : "a scheduler of its own");
    }

    @Override
    public synchronized void stop() {
        scheduled.forEach(future -> future.cancel(false));
        scheduled.clear();
        if (ownScheduler != null) {
            ownScheduler.shutdown();
            ownScheduler = null;
        }
        running = false;
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    /** How many runs are scheduled now: two, one or none. */
    public synchronized int scheduledCount() {
        return scheduled.size();
    }

    private void runMaintenance() {
        try {
            MaintenanceRun run = engine.runMaintenance();
            if (!run.equals(NOTHING_DONE)) {
                LOG.debug("bookingkit maintenance: {}", run);
            }
        } catch (RuntimeException e) {
            LOG.warn("bookingkit maintenance failed; it runs again in {}", maintenance.interval(), e);
        }
    }

    private void dispatchNotifications() {
        try {
            int delivered = engine.dispatchNotifications();
            if (delivered > 0) {
                LOG.debug("bookingkit delivered {} notifications", delivered);
            }
        } catch (RuntimeException e) {
            LOG.warn("bookingkit notification dispatch failed; it runs again in {}", dispatch.interval(), e);
        }
    }
}
