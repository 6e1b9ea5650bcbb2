package io.bookingkit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookingkit.notify.NotificationPort;
import io.bookingkit.spring.internal.ScheduledMaintenance;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ConcurrentTaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** Maintenance and notification dispatch on the application's TaskScheduler or the starter's own. */
class SchedulingConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(BookingAutoConfigurationTest.STARTER)
            .withUserConfiguration(Store.class);

    /** The executors behind the application's schedulers of the slow-store tests. */
    private final List<ScheduledExecutorService> executors = new CopyOnWriteArrayList<>();

    @AfterEach
    void shutDownTheApplicationsExecutors() {
        executors.forEach(ScheduledExecutorService::shutdownNow);
    }

    @Test
    void withoutATaskSchedulerMaintenanceAndDispatchRunOnTheStartersOwnThread() {
        runner.withUserConfiguration(Port.class)
                .withPropertyValues("bookingkit.maintenance.interval=20ms", "bookingkit.notifications.dispatch.interval=20ms")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(TaskScheduler.class);
                    RecordingStore store = context.getBean(RecordingStore.class);
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                        assertThat(store.taskQueueThreads).as("maintenance claims tasks").anyMatch(t -> t.startsWith("bookingkit-"));
                        assertThat(store.outboxThreads).as("dispatch claims messages").anyMatch(t -> t.startsWith("bookingkit-"));
                    });
                });
    }

    @Test
    void theApplicationsTaskSchedulerRunsThemAtTheConfiguredIntervals() {
        runner.withUserConfiguration(RecordingScheduler.class)
                .withPropertyValues("bookingkit.maintenance.interval=7s", "bookingkit.notifications.dispatch.interval=3s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(RecordingTaskScheduler.class).delays)
                            .containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(3));
                });
    }

    @Test
    void amongSeveralSchedulersTheOneNamedTaskSchedulerIsUsed() {
        runner.withUserConfiguration(RecordingScheduler.class, AnotherScheduler.class).run(context ->
                assertThat(context.getBean("taskScheduler", RecordingTaskScheduler.class).delays)
                        .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5)));
    }

    @Test
    void eitherOrBothCanBeSwitchedOff() {
        runner.withUserConfiguration(RecordingScheduler.class).withPropertyValues("bookingkit.maintenance.enabled=false")
                .run(context -> {
                    assertThat(context.getBean(RecordingTaskScheduler.class).delays).containsExactly(Duration.ofSeconds(5));
                    assertThat(context.getBean(ScheduledMaintenance.class).scheduledCount()).isEqualTo(1);
                });
        runner.withUserConfiguration(RecordingScheduler.class)
                .withPropertyValues("bookingkit.maintenance.enabled=false", "bookingkit.notifications.dispatch.enabled=false")
                .run(context -> {
                    assertThat(context.getBean(RecordingTaskScheduler.class).delays).isEmpty();
                    assertThat(context.getBean(ScheduledMaintenance.class).scheduledCount()).isZero();
                });
    }

    @Test
    void closingTheContextStopsTheScheduleAndEndsItsThread() {
        Set<Thread> before = starterThreads();
        runner.withPropertyValues("bookingkit.maintenance.interval=20ms").run(context -> {
            ScheduledMaintenance schedule = context.getBean(ScheduledMaintenance.class);
            RecordingStore store = context.getBean(RecordingStore.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> !store.taskQueueThreads.isEmpty());
            Set<Thread> ours = starterThreads();
            ours.removeAll(before);
            assertThat(ours).as("the starter's own scheduler thread").isNotEmpty();
            assertThat(schedule.isRunning()).isTrue();

            context.close();

            assertThat(schedule.isRunning()).isFalse();
            assertThat(schedule.scheduledCount()).isZero();
            assertThat(ours).as("alive after close").noneMatch(Thread::isAlive);
        });
    }

    @Test
    void aRunInProgressWhenTheContextClosesEndsBeforeCloseReturns() {
        withSlowStore(Duration.ofMillis(500), "bookingkit.maintenance.lease=1m").run(context -> {
            RecordingStore store = context.getBean(RecordingStore.class);
            assertThat(store.paused.await(10, TimeUnit.SECONDS)).as("a run began").isTrue();

            context.close();

            assertThat(store.pausesInProgress).as("runs in progress after close").hasValue(0);
            assertThat(store.pausesCompleted).as("runs that ended as they would have").hasPositiveValue();
            assertThat(store.pausesInterrupted).hasValue(0);
            int calls = store.pausesCompleted.get();
            Thread.sleep(200);
            assertThat(store.pausesCompleted).as("no run after close").hasValue(calls);
        });
    }

    @Test
    void stoppingWaitsForARunInProgressNoLongerThanTheLease() {
        withSlowStore(Duration.ofSeconds(5), "bookingkit.maintenance.lease=200ms").run(context -> {
            RecordingStore store = context.getBean(RecordingStore.class);
            assertThat(store.paused.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();

            context.close();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(store.pausesInProgress).as("the run given up on, still on the application's scheduler")
                    .hasValue(1);
        });
    }

    @Test
    void onItsOwnSchedulerARunThatOutlastsTheLeaseIsInterruptedAndItsThreadEnds() {
        Set<Thread> before = starterThreads();
        new ApplicationContextRunner().withConfiguration(BookingAutoConfigurationTest.STARTER)
                .withBean(RecordingStore.class, () -> new RecordingStore(Duration.ofSeconds(30)))
                .withPropertyValues("bookingkit.maintenance.interval=20ms", "bookingkit.maintenance.lease=200ms",
                        "bookingkit.notifications.dispatch.enabled=false")
                .run(context -> {
                    RecordingStore store = context.getBean(RecordingStore.class);
                    assertThat(store.paused.await(10, TimeUnit.SECONDS)).isTrue();
                    Set<Thread> ours = starterThreads();
                    ours.removeAll(before);

                    context.close();

                    assertThat(store.pausesInterrupted).hasValue(1);
                    assertThat(ours).isNotEmpty().noneMatch(Thread::isAlive);
                });
    }

    @Test
    void startingTwiceSchedulesOnceAndAStoppedScheduleStartsAgain() {
        runner.withUserConfiguration(RecordingScheduler.class).run(context -> {
            ScheduledMaintenance schedule = context.getBean(ScheduledMaintenance.class);
            schedule.start();
            assertThat(schedule.scheduledCount()).isEqualTo(2);
            assertThat(context.getBean(RecordingTaskScheduler.class).delays).hasSize(2);

            schedule.stop();
            schedule.stop();
            assertThat(schedule.isRunning()).isFalse();
            assertThat(schedule.scheduledCount()).isZero();

            schedule.start();
            assertThat(schedule.isRunning()).isTrue();
            assertThat(schedule.scheduledCount()).isEqualTo(2);
        });
    }

    /**
     * Maintenance every 20 ms on the application's scheduler, which is not a lifecycle bean (so that
     * only the starter can wait for a run), over a store whose every run takes {@code pause}.
     */
    private ApplicationContextRunner withSlowStore(Duration pause, String lease) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        executors.add(executor);
        return new ApplicationContextRunner().withConfiguration(BookingAutoConfigurationTest.STARTER)
                .withBean(RecordingStore.class, () -> new RecordingStore(pause))
                .withBean(TaskScheduler.class, () -> new ConcurrentTaskScheduler(executor))
                .withPropertyValues("bookingkit.maintenance.interval=20ms", lease,
                        "bookingkit.notifications.dispatch.enabled=false");
    }

    /** The live threads named as the starter's own scheduler names its threads. */
    private static Set<Thread> starterThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(ScheduledMaintenance.THREAD_NAME_PREFIX))
                .collect(Collectors.toCollection(HashSet::new));
    }

    @Configuration(proxyBeanMethods = false)
    static class Store {
        @Bean
        RecordingStore store() {
            return new RecordingStore();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Port {
        @Bean
        NotificationPort port() {
            return notification -> { };
        }
    }

    /** A real scheduler that also remembers the fixed delays it was asked for. */
    static class RecordingTaskScheduler extends ThreadPoolTaskScheduler {
        private static final long serialVersionUID = 1L;
        final List<Duration> delays = new CopyOnWriteArrayList<>();

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
            delays.add(delay);
            return super.scheduleWithFixedDelay(task, delay);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RecordingScheduler {
        @Bean
        RecordingTaskScheduler taskScheduler() {
            return new RecordingTaskScheduler();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class AnotherScheduler {
        @Bean
        RecordingTaskScheduler messageBrokerTaskScheduler() {
            return new RecordingTaskScheduler();
        }
    }
}
