package io.bookingkit.spring;

import io.bookingkit.BookingEngine;
import io.bookingkit.notify.BookingListener;
import io.bookingkit.notify.NotificationPort;
import io.bookingkit.observe.EngineObserver;
import io.bookingkit.policy.BookingRule;
import io.bookingkit.policy.ChangeRule;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.spring.internal.TemplateSources;
import io.bookingkit.template.TemplateCatalog;
import java.time.Clock;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;

/**
 * A {@link BookingEngine} on the application's one {@link BookingStore} (the
 * {@linkplain BookingJdbcAutoConfiguration JDBC store} unless the application has its own),
 * and its {@link TemplateCatalog}. Either is replaced by a bean of the application's own type.
 *
 * <p>The engine is built from the context:
 * <ul>
 *   <li>its clock is the application's {@link Clock} bean (one, or one marked primary), else
 *       {@link Clock#systemUTC()};</li>
 *   <li>its templates are the catalog bean, by default the ready templates named in
 *       {@code bookingkit.verticals}, the template files found at
 *       {@code bookingkit.template-locations} ({@code classpath*:bookingkit/*.properties}), and
 *       the templates written as {@code bookingkit.templates.<name>.<key>} properties, each read
 *       by {@link TemplateCatalog#load}; a bad one fails startup naming every bad key;</li>
 *   <li>notifications go to the application's {@link NotificationPort} bean (one, or one marked
 *       primary); without one the engine writes none, unless
 *       {@code bookingkit.notifications.delivered-elsewhere=true};</li>
 *   <li>every {@link BookingRule} bean is added to the built-in rules, every {@link ChangeRule}
 *       bean to the built-in change rules, and every {@link BookingListener} bean listens, in
 *       {@link org.springframework.core.annotation.Order @Order};</li>
 *   <li>{@code bookingkit.maintenance.batch} and {@code .lease} size each maintenance run;</li>
 *   <li>then each {@link BookingEngineCustomizer} bean has its say.</li>
 * </ul>
 *
 * <p>Each booking is a transaction of its own, also when the caller is {@code @Transactional}:
 * see {@link BookingJdbcAutoConfiguration} for what that means and why.
 */
@AutoConfiguration(after = BookingJdbcAutoConfiguration.class)
@ConditionalOnClass(BookingEngine.class)
@EnableConfigurationProperties(BookingProperties.class)
public class BookingAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BookingAutoConfiguration.class);

    /**
     * The templates the {@code bookingkit.*} properties name, write out or point to: the ready
     * templates of {@code bookingkit.verticals}, then the files found at
     * {@code bookingkit.template-locations}, then {@code bookingkit.templates.*}, a later one
     * replacing an earlier one of the same name. Backs off when the application has a
     * {@link TemplateCatalog} bean of its own.
     *
     * @param properties the {@code bookingkit.*} settings
     * @param resources resolves the template locations' patterns
     * @return the catalog, possibly empty (logged as a warning)
     * @throws io.bookingkit.template.TemplateLoadException when a template is bad, naming every bad key
     */
    @Bean
    @ConditionalOnMissingBean
    public TemplateCatalog bookingTemplates(BookingProperties properties, ResourceLoader resources) {
        return new TemplateSources(BookingProperties.PREFIX, properties.getVerticals(),
                properties.getTemplateLocations(), properties.getTemplates())
                .load(ResourcePatternUtils.getResourcePatternResolver(resources));
    }

    /**
     * The engine, built from the store, the templates and what the context offers (see the
     * class). Backs off when the application has a {@link BookingEngine} bean of its own, or
     * when the context has no {@link BookingStore} or several with none marked primary.
     *
     * @param store the one store, or the primary one
     * @param templates the catalog the engine books against
     * @param properties the {@code bookingkit.*} settings: maintenance batch and lease, and
     *        {@code notifications.delivered-elsewhere}
     * @param clock the application's clock, if any; {@link Clock#systemUTC()} without one
     * @param notifications the application's notification port, if any
     * @param rules booking rules added to the built-in ones, in {@code @Order}
     * @param changeRules change rules added to the built-in ones, in {@code @Order}
     * @param listeners listeners of the engine's events, in {@code @Order}
     * @param observers observers of the engine's work, such as {@link BookingMetricsAutoConfiguration}'s
     *        meters, in {@code @Order}
     * @param customizers applied last, in {@code @Order}
     * @param beans the context, to name the candidates when a clock or port is ambiguous
     * @return the engine
     * @throws IllegalStateException when the context has several {@link Clock} or
     *         {@link NotificationPort} beans and none is primary
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(BookingStore.class)
    public BookingEngine bookingEngine(BookingStore store, TemplateCatalog templates, BookingProperties properties,
                                       ObjectProvider<Clock> clock, ObjectProvider<NotificationPort> notifications,
                                       ObjectProvider<BookingRule> rules, ObjectProvider<ChangeRule> changeRules,
                                       ObjectProvider<BookingListener> listeners,
                                       ObjectProvider<EngineObserver> observers,
                                       ObjectProvider<BookingEngineCustomizer> customizers,
                                       ListableBeanFactory beans) {
        Clock engineClock = unique(clock, Clock.class, beans);
        if (engineClock == null) {
            engineClock = Clock.systemUTC();
        }
        BookingEngine.Builder builder = BookingEngine.builder()
                .store(store)
                .clock(engineClock)
                .templates(templates)
                .maintenance(properties.getMaintenance().getBatch(), properties.getMaintenance().getLease());
        // Several ports behind one would each get a notification again whenever one of them
        // threw: the outbox retries the whole delivery.
        NotificationPort port = unique(notifications, NotificationPort.class, beans);
        if (port != null) {
            builder.notifications(port);
        }
        if (properties.getNotifications().isDeliveredElsewhere()) {
            builder.notificationsDeliveredElsewhere();
        }
        rules.orderedStream().forEach(builder::rule);
        changeRules.orderedStream().forEach(builder::changeRule);
        listeners.orderedStream().forEach(builder::listener);
        observers.orderedStream().forEach(builder::observer);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        LOG.info("bookingkit engine on {} with clock {}, templates {}, notifications {}", store.getClass().getSimpleName(),
                engineClock, templates.names(), port != null ? "to " + port.getClass().getName()
                        : properties.getNotifications().isDeliveredElsewhere() ? "delivered elsewhere" : "off");
        return builder.build();
    }

    /**
     * The context's one bean of {@code type}, or the one marked primary among several, or null
     * when it has none.
     *
     * @throws IllegalStateException naming the beans, when it has several and none is primary
     */
    private static <T> T unique(ObjectProvider<T> provider, Class<T> type, ListableBeanFactory beans) {
        T bean = provider.getIfUnique();
        if (bean == null && provider.iterator().hasNext()) {
            throw new IllegalStateException("bookingkit's engine takes one " + type.getSimpleName() + ", but the context has "
                    + Arrays.toString(beans.getBeanNamesForType(type)) + ": mark one @Primary");
        }
        return bean;
    }
}
