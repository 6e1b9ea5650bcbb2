package io.bookingkit.spring;

import io.bookingkit.BookingEngine;
import io.bookingkit.spring.internal.ScheduledMaintenance;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.TaskScheduler;

/**
 * Schedules the application's one {@link BookingEngine}'s time-driven work on every node:
 * {@link BookingEngine#runMaintenance()} (expiries, waitlist offers, quorums, due
 * notifications) every {@code bookingkit.maintenance.interval}, and
 * {@link BookingEngine#dispatchNotifications()} (reminders, retries) every
 * {@code bookingkit.notifications.dispatch.interval}, 5 seconds each by default, with a fixed
 * pause between runs. Either is switched off with its {@code enabled=false}. Several nodes may
 * run both at once: the engine claims each piece of work, so it is done once.
 *
 * <p>They run on the application's {@link TaskScheduler}: its only one, or else the one named
 * {@code taskScheduler} (the one {@code @EnableScheduling} gets from Spring Boot). Without
 * either, on a one-thread scheduler of the starter's own, which is not a bean, so that it
 * never becomes the application's.
 *
 * <p>When the context closes, the schedule stops before the data source closes: no run starts
 * any more, and a run in progress is waited for, up to {@code bookingkit.maintenance.lease}
 * (a run that outlasts it loses its claims to other nodes anyway).
 */
@AutoConfiguration(after = BookingAutoConfiguration.class)
@ConditionalOnClass(TaskScheduler.class)
@ConditionalOnSingleCandidate(BookingEngine.class)
@EnableConfigurationProperties(BookingProperties.class)
public class BookingSchedulingAutoConfiguration {

    private static final String SPRING_SCHEDULER_NAME = "taskScheduler";

    /**
     * The schedule of maintenance and notification delivery, started and stopped with the
     * context. Backs off when the application has a bean of this type of its own.
     *
     * @param engine the application's one engine, or its primary one
     * @param properties the {@code bookingkit.maintenance.*} and
     *        {@code bookingkit.notifications.dispatch.*} settings
     * @param schedulers the application's task schedulers, used when it has one, or one marked primary
     * @param beans the context, to find the scheduler named {@code taskScheduler} among several
     * @return the schedule, on a one-thread scheduler of its own when the application offers none
     */
    @Bean
    @ConditionalOnMissingBean
    public ScheduledMaintenance bookingMaintenance(BookingEngine engine, BookingProperties properties,
                                                   ObjectProvider<TaskScheduler> schedulers, ListableBeanFactory beans) {
        TaskScheduler scheduler = schedulers.getIfUnique();
        if (scheduler == null && beans.containsBean(SPRING_SCHEDULER_NAME)
                && beans.isTypeMatch(SPRING_SCHEDULER_NAME, TaskScheduler.class)) {
            scheduler = beans.getBean(SPRING_SCHEDULER_NAME, TaskScheduler.class);
        }
        BookingProperties.Maintenance maintenance = properties.getMaintenance();
        BookingProperties.Dispatch dispatch = properties.getNotifications().getDispatch();
        return new ScheduledMaintenance(engine, scheduler,
                new ScheduledMaintenance.Schedule(maintenance.isEnabled(), maintenance.getInterval()),
                new ScheduledMaintenance.Schedule(dispatch.isEnabled(), dispatch.getInterval()), maintenance.getLease());
    }
}
