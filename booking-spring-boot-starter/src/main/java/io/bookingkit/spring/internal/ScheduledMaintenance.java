package io.bookingkit.spring.internal;

import io.bookingkit.BookingEngine;
import io.bookingkit.MaintenanceRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs {@link BookingEngine#runMaintenance()} and {@link BookingEngine#dispatchNotifications()}
 * with a fixed pause between runs, on the application's {@link TaskScheduler} or, when it has
 * none, on a one-thread scheduler of its own. Starts with the context and stops before the
 * data source closes: {@link #stop()} waits for a run in progress, up to a bound, and no run
 * starts after it; the scheduler of its own and its thread are gone when it returns. A run that
 * fails is logged, and the next one comes as planned: the engine's claims make a retry safe.
 */
public final class ScheduledMaintenance implements SmartLifecycle {

    /** The names of the threads of the scheduler of its own start with this. */
    public static final String THREAD_NAME_PREFIX = "bookingkit-";

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledMaintenance.class);

    private static final MaintenanceRun NOTHING_DONE = new MaintenanceRun(0, 0, 0, 0, 0, 0, 0);

    // How long stop() waits for its own thread to end once it has given up on a run and
    // interrupted it.
    private static final Duration INTERRUPTED_RUN_WAIT = Duration.ofSeconds(1);

    /**
     * Whether a piece of work is scheduled, and the pause between its runs.
     *
     * @param enabled whether it is scheduled on this node
     * @param interval the pause between the end of one run and the start of the next
     */
    public record Schedule(boolean enabled, Duration interval) {
    }

    private final BookingEngine engine;
    private final TaskScheduler applicationScheduler;
    private final Schedule maintenance;
    private final Schedule dispatch;
    private final Duration stopWait;
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
    private final List<Thread> ownThreads = new CopyOnWriteArrayList<>();
    private ThreadPoolTaskScheduler ownScheduler;
    private boolean running;

    // Guards runsInProgress and acceptingRuns, apart from this object's monitor, which stop()
    // holds while it waits for runs to end.
    private final Object runs = new Object();
    private int runsInProgress;
    private boolean acceptingRuns;

    /**
     * A schedule, started by {@link #start()}.
     *
     * @param engine the engine whose work is run
     * @param applicationScheduler the application's scheduler, or null to use one of its own
     * @param maintenance the schedule of {@code runMaintenance()}
     * @param dispatch the schedule of {@code dispatchNotifications()}
     * @param stopWait how long {@link #stop()} waits for a run in progress; the maintenance lease
     *        fits, since a run that outlasts it loses its claims to other nodes anyway
     */
    public ScheduledMaintenance(BookingEngine engine, TaskScheduler applicationScheduler, Schedule maintenance,
                                Schedule dispatch, Duration stopWait) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.applicationScheduler = applicationScheduler;
        this.maintenance = Objects.requireNonNull(maintenance, "maintenance");
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
        this.stopWait = Objects.requireNonNull(stopWait, "stopWait");
    }

    /** Schedules the runs; does nothing when they are scheduled already. */
    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        if (!maintenance.enabled() && !dispatch.enabled()) {
            LOG.info("bookingkit maintenance and notification dispatch are not scheduled on this node "
                    + "(bookingkit.maintenance.enabled=false, bookingkit.notifications.dispatch.enabled=false)");
            return;
        }
        synchronized (runs) {
            acceptingRuns = true;
        }
        TaskScheduler scheduler = applicationScheduler;
        if (scheduler == null) {
            ownScheduler = ownScheduler();
            scheduler = ownScheduler;
        }
        if (maintenance.enabled()) {
            scheduled.add(scheduler.scheduleWithFixedDelay(() -> guarded(this::runMaintenance), maintenance.interval()));
        }
        if (dispatch.enabled()) {
            scheduled.add(scheduler.scheduleWithFixedDelay(() -> guarded(this::dispatchNotifications),
                    dispatch.interval()));
        }
        LOG.info("bookingkit maintenance {}, notification dispatch {}, on {}",
                maintenance.enabled() ? "every " + maintenance.interval() : "off",
                dispatch.enabled() ? "every " + dispatch.interval() : "off",
                applicationScheduler != null ? "the application's TaskScheduler" : "a scheduler of its own");
    }

    /**
     * Cancels the runs, waits up to the bound given to the constructor for a run in progress to
     * end (logging when it gives up), and shuts down the scheduler of its own. Does nothing when
     * not started.
     */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        synchronized (runs) {
            acceptingRuns = false;
        }
        scheduled.forEach(future -> future.cancel(false));
        scheduled.clear();
        awaitRunsInProgress();
        if (ownScheduler != null) {
            // Not waiting for tasks to complete, shutdown() interrupts whatever still runs, a run
            // given up on, rather than leave it to the closing data source.
            ownScheduler.shutdown();
            ownScheduler = null;
            awaitOwnThreads();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    /**
     * How many runs are scheduled now.
     *
     * @return two, one or none
     */
    public synchronized int scheduledCount() {
        return scheduled.size();
    }

    private ThreadPoolTaskScheduler ownScheduler() {
        CustomizableThreadFactory names = new CustomizableThreadFactory(THREAD_NAME_PREFIX);
        names.setDaemon(true);
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        // Kept, so that stop() can make sure they have ended.
        scheduler.setThreadFactory(task -> {
            Thread thread = names.newThread(task);
            ownThreads.add(thread);
            return thread;
        });
        scheduler.initialize();
        return scheduler;
    }

    /** Runs {@code work} unless stopped, counted as in progress until it returns. */
    private void guarded(Runnable work) {
        synchronized (runs) {
            if (!acceptingRuns) {
                return;
            }
            runsInProgress++;
        }
        try {
            work.run();
        } finally {
            synchronized (runs) {
                runsInProgress--;
                runs.notifyAll();
            }
        }
    }

    private void awaitRunsInProgress() {
        long deadline = System.nanoTime() + stopWait.toNanos();
        synchronized (runs) {
            try {
                while (runsInProgress > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        LOG.warn("bookingkit stops its schedule with {} maintenance or dispatch run(s) still in progress "
                                + "after waiting {}; their claims pass to other nodes once their lease ends",
                                runsInProgress, stopWait);
                        return;
                    }
                    TimeUnit.NANOSECONDS.timedWait(runs, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("bookingkit stopped waiting for {} maintenance or dispatch run(s) in progress: interrupted",
                        runsInProgress);
            }
        }
    }

    private void awaitOwnThreads() {
        try {
            for (Thread thread : ownThreads) {
                thread.join(INTERRUPTED_RUN_WAIT.toMillis());
                if (thread.isAlive()) {
                    LOG.warn("bookingkit's thread {} is still running after the schedule stopped", thread.getName());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ownThreads.removeIf(thread -> !thread.isAlive());
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
