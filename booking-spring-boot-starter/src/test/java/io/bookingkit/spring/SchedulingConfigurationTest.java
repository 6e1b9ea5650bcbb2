package io.bookingkit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookingkit.notify.NotificationPort;
import io.bookingkit.spring.internal.ScheduledMaintenance;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** Maintenance and notification dispatch on the application's TaskScheduler or the starter's own. */
class SchedulingConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(BookingAutoConfigurationTest.STARTER)
            .withUserConfiguration(Store.class);

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
    void closingTheContextStopsTheSchedule() {
        runner.run(context -> {
            ScheduledMaintenance schedule = context.getBean(ScheduledMaintenance.class);
            assertThat(schedule.isRunning()).isTrue();
            context.close();
            assertThat(schedule.isRunning()).isFalse();
            assertThat(schedule.scheduledCount()).isZero();
        });
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
