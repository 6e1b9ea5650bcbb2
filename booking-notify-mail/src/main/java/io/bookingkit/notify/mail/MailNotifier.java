package io.bookingkit.notify.mail;

import io.bookingkit.booking.Booking;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.notify.Notification;
import io.bookingkit.notify.NotificationPort;
import io.bookingkit.notify.UndeliverableException;
import io.bookingkit.notify.mail.internal.Addresses;
import io.bookingkit.notify.mail.internal.Composer;
import io.bookingkit.notify.mail.internal.Facts;
import io.bookingkit.notify.mail.internal.LinkPattern;
import io.bookingkit.notify.mail.internal.MessageIds;
import io.bookingkit.notify.mail.internal.MimeMessages;
import io.bookingkit.notify.mail.internal.Smtp;
import io.bookingkit.notify.mail.internal.Templates;
import io.bookingkit.resource.Resource;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.template.Channel;
import io.bookingkit.template.Reminder;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link NotificationPort} that sends each notification as one e-mail over SMTP, on the calling
 * (outbox delivery) thread, over a connection of its own.
 *
 * <pre>{@code
 * MailNotifier mail = MailNotifier.builder()
 *     .host("smtp.example.com").tls(TlsMode.STARTTLS).credentials("bookings", secret)
 *     .sender("bookings@shop.example", "The Barber Shop")
 *     .linkPattern("https://shop.example/bookings/{bookingId}")
 *     .recipients((tenant, customer) -> directory.find(tenant, customer)
 *         .map(c -> Recipient.of(c.email(), c.name(), c.zone())))
 *     .store(store).templates(catalog)
 *     .build();
 * BookingEngine engine = BookingEngine.builder().store(store).clock(clock).templates(catalog)
 *     .notifications(mail).build();
 * }</pre>
 *
 * <h2>The message</h2>
 * One recipient ({@link Recipients} maps the notification's customer id to an address); From the
 * sender, Reply-To if set; {@code Message-ID: <tenant.dedupeKey@bookingkit>} (the booking's tenant
 * and the notification's {@link Notification#dedupeKey()}, every character RFC 5322 does not allow
 * there, and the dot, written as {@code %XX}), so a retried delivery carries the same id and the recipient's server or client can
 * drop the repeat; {@code Auto-Submitted: auto-generated}; {@code Content-Language}. The body is
 * {@code multipart/alternative} with a plain text and an HTML part; a notification that carries a
 * {@link Notification#calendar() calendar} gets it attached as it is ({@code text/calendar;
 * method=REQUEST}, or {@code CANCEL} with the same {@code UID}), the two inside
 * {@code multipart/mixed}.
 *
 * <h2>Templates</h2>
 * One file per {@link io.bookingkit.notify.NotificationKind} and locale,
 * {@code io/bookingkit/notify/mail/templates/<kind>_<locale>.properties} in UTF-8, where
 * {@code <kind>} is the kind in lower case with {@code -} for {@code _} ({@code confirmed},
 * {@code no-show}, {@code waitlist-offer}) and {@code <locale>} such as {@code en} or
 * {@code es_AR}: keys {@code subject}, {@code text} and optionally {@code html} (a whole HTML
 * document; without it the HTML part is the text, paragraph by paragraph, with the link
 * clickable). Beside them one {@code messages_<locale>.properties} per locale holds the lines the
 * kinds share ({@code customerTimes}, {@code cutoffLine}, {@code linkLine}), how a time range reads
 * ({@code range.sameDay}, {@code range.otherDays}) and the words of durations ({@code minute.one},
 * {@code minute.other}, {@code hour.*}, {@code day.*}, {@code join}). English ({@code en}) and
 * Argentine Spanish ({@code es_AR}) ship. A notification's locale is looked up as language and
 * country ({@code es_AR}), then language ({@code es}), then English, each first in the
 * {@linkplain Builder#templateLocation application's location} if one is set and then in the
 * shipped one; the kind's file and the messages file are looked up each on its own. A locale is
 * added by adding its 13 files on the class path. Every file is checked when first read (an unknown
 * key or placeholder, or a missing key, fails naming the file); the locales of the catalog's
 * templates are read and checked by {@link Builder#build()}.
 *
 * <h2>Placeholders</h2>
 * <table>
 * <caption>What a template can say</caption>
 * <tr><th>placeholder</th><th>value</th></tr>
 * <tr><td>{@code {customer}}</td><td>the recipient's name, or their address when they have none</td></tr>
 * <tr><td>{@code {when}}</td><td>the booking's time in the resource's zone, as {@code range.sameDay}
 * or {@code range.otherDays} writes it</td></tr>
 * <tr><td>{@code {start}}, {@code {end}}</td><td>start and end, date and time, in the resource's zone</td></tr>
 * <tr><td>{@code {date}}, {@code {startTime}}, {@code {endTime}}</td><td>the start's date, and the
 * two times, in the resource's zone</td></tr>
 * <tr><td>{@code {zone}}</td><td>the resource's zone by name, such as "Argentina Time"</td></tr>
 * <tr><td>{@code {customerWhen}}, {@code {customerStart}}, {@code {customerEnd}},
 * {@code {customerDate}}, {@code {customerStartTime}}, {@code {customerEndTime}},
 * {@code {customerZone}}</td><td>the same in the recipient's display zone, or in the resource's when
 * they have none</td></tr>
 * <tr><td>{@code {customerTimes}}</td><td>the {@code customerTimes} line when the recipient has a
 * display zone whose local times differ from the resource's; empty otherwise</td></tr>
 * <tr><td>{@code {resources}}</td><td>the names of the booking's resources, comma-separated</td></tr>
 * <tr><td>{@code {template}}</td><td>the booking's template name</td></tr>
 * <tr><td>{@code {bookingId}}, {@code {partySize}}</td><td>the booking's id and seats</td></tr>
 * <tr><td>{@code {link}}</td><td>the link to the booking, from the link pattern; empty without one</td></tr>
 * <tr><td>{@code {linkLine}}</td><td>the {@code linkLine} line when there is a link</td></tr>
 * <tr><td>{@code {cutoff}}</td><td>the template's cancellation cutoff in words ("24 hours",
 * "24 horas")</td></tr>
 * <tr><td>{@code {cutoffLine}}</td><td>the {@code cutoffLine} line when the cutoff is more than
 * zero</td></tr>
 * <tr><td>{@code {expires}}</td><td>when a hold, an offer or a request runs out, date and time;
 * empty for a booking that does not</td></tr>
 * <tr><td>{@code {sender}}</td><td>the sender's name, or address</td></tr>
 * </table>
 * Dates and times are written with {@code java.time}'s localized styles (full date, short time) in
 * the notification's locale. In the HTML part every value is HTML-escaped; in the plain part none
 * is; in both, control characters in a value become spaces. A line that comes out empty leaves no
 * blank line behind.
 *
 * <h2>Failures</h2>
 * <table>
 * <caption>What the outbox does with each outcome</caption>
 * <tr><th>outcome</th><th>port</th><th>outbox</th></tr>
 * <tr><td>sent (the server accepted the message)</td><td>returns</td><td>delivered</td></tr>
 * <tr><td>the customer has no address ({@link Recipients} returns empty)</td><td>logs (INFO), returns</td>
 * <td>delivered: nothing to retry</td></tr>
 * <tr><td>a reminder over a channel the port does not serve ({@link Builder#channels})</td>
 * <td>logs (DEBUG), returns</td><td>delivered</td></tr>
 * <tr><td>the address is malformed ({@link Recipient} refuses it)</td>
 * <td>{@link UndeliverableException}</td><td>parked at once</td></tr>
 * <tr><td>the server refuses the recipient with 5xx (550 5.1.1 no such user, 551, 553 …)</td>
 * <td>{@link UndeliverableException}</td><td>parked at once</td></tr>
 * <tr><td>connection refused, timed out or dropped; TLS or the server's identity fails; login
 * refused; any 4xx (421, 450, 451, 452) or 552 (mailbox full); a refusal of the recipient on
 * policy, protocol or system grounds (enhanced status 5.7.x such as "relaying denied", 5.5.x,
 * 5.3.x), which points at this sender's configuration rather than the address; 5xx to MAIL FROM
 * or DATA</td>
 * <td>{@link MailDeliveryException}</td><td>retried with backoff, parked after the dispatcher's
 * {@code maxAttempts}</td></tr>
 * <tr><td>{@link Recipients} or the store throws; a template file on the class path is invalid</td>
 * <td>that exception</td><td>retried, then parked</td></tr>
 * </table>
 *
 * <p>A customer without an address is skipped rather than parked: it is the directory's answer, not
 * a failure, and no retry changes it; parking would fill the parked list, which operators read and
 * alert on as failures, with customers who chose not to give an address. Such a notification is
 * not kept: an address added later does not bring it back.
 *
 * <p>Delivery happens on the thread that delivers the outbox: after each change the engine delivers
 * one batch on the caller's thread, so a slow server delays the caller by up to the timeouts per
 * message. One message is a connection and some eight SMTP exchanges, each allowed the read
 * timeout: keep a batch's worst case ({@code batchSize × (connect + 8 × read timeout)}) within the
 * dispatcher's lease, or another dispatcher may send the batch's messages again (with the same
 * Message-IDs). The engine's default dispatcher (batches of 50, a one-minute lease) is too short
 * for the default timeouts against a slow server: give the engine, for example,
 * {@code dispatcher((s, p, c) -> OutboxDispatcher.builder(s, p, c).batchSize(5).lease(Duration.ofMinutes(30)).build())}.
 *
 * <p>Thread-safe: any number of dispatchers may call {@link #send} at once.
 */
public final class MailNotifier implements NotificationPort {

    private static final Logger LOG = LoggerFactory.getLogger(MailNotifier.class);

    /** The connect timeout unless {@link Builder#connectTimeout} sets one: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The read (and write) timeout unless {@link Builder#readTimeout} sets one: 30 seconds. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** The longest timeout a builder accepts: 5 minutes. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    private final Smtp smtp;
    private final String host;
    private final int port;
    private final TlsMode tls;
    private final InternetAddress from;
    private final String senderName;
    private final Optional<InternetAddress> replyTo;
    private final Optional<LinkPattern> link;
    private final Recipients recipients;
    private final BookingStore store;
    private final TemplateCatalog catalog;
    private final Optional<Set<Channel>> channels;
    private final Composer composer;
    private final Clock clock;

    private MailNotifier(Builder b, Templates templates) {
        this.host = b.host;
        this.port = b.port.orElse(b.tls.defaultPort());
        this.tls = b.tls;
        this.from = Addresses.internet(b.senderAddress, b.senderName);
        this.senderName = b.senderName.isBlank() ? b.senderAddress : b.senderName;
        this.replyTo = b.replyTo.map(r -> Addresses.internet(r, ""));
        this.link = b.link;
        this.recipients = b.recipients;
        this.store = b.store;
        this.catalog = b.catalog;
        this.channels = b.channels.map(Set::copyOf);
        this.composer = new Composer(templates);
        this.clock = b.clock;
        this.smtp = new Smtp(host, port, tls, b.user, b.password, b.socketFactory, b.senderAddress, b.connectTimeout,
                b.readTimeout);
    }

    /**
     * Settings of a notifier, with the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends {@code notification} as one message, or skips it when it is not for e-mail or its
     * customer has no address; see the class documentation for what each failure does.
     *
     * @param notification what to send and to whom
     * @throws UndeliverableException if the address is malformed or the server refuses the
     *                                recipient for good: the outbox parks the notification at once
     * @throws MailDeliveryException  if the server could not take the message now: the outbox
     *                                retries it
     */
    @Override
    public void send(Notification notification) {
        Objects.requireNonNull(notification, "notification must not be null");
        Booking booking = notification.booking();
        String who = "customer " + notification.recipient() + " of tenant " + booking.tenantId();
        if (notification.channel().isPresent() && channels.isPresent()
                && !channels.get().contains(notification.channel().get())) {
            LOG.debug("Not e-mailing {} {} of booking {} to {}: its channel is {}", notification.kind(),
                    notification.dedupeKey(), booking.id(), who, notification.channel().get());
            return;
        }
        Optional<Recipient> recipient;
        try {
            recipient = Objects.requireNonNull(recipients.find(booking.tenantId(), notification.recipient()),
                    "Recipients.find returned null");
        } catch (InvalidRequestException e) {
            throw new UndeliverableException("The address of " + who + " is not valid: " + e.getMessage(), e);
        }
        if (recipient.isEmpty()) {
            LOG.info("Not e-mailing {} {} of booking {}: {} has no e-mail address", notification.kind(),
                    notification.dedupeKey(), booking.id(), who);
            return;
        }
        InternetAddress to;
        try {
            to = Addresses.internet(recipient.get().address(), recipient.get().name());
        } catch (InvalidRequestException e) {
            throw new UndeliverableException("The address of " + who + " is not valid: " + e.getMessage(), e);
        }
        Composer.Composed composed = composer.compose(facts(notification, recipient.get()));
        MimeMessage message;
        try {
            message = MimeMessages.build(smtp.session(), MessageIds.of(booking.tenantId(), notification.dedupeKey()), from, replyTo, to,
                    composed, composed.locale(), notification.calendar(), clock.instant());
        } catch (MessagingException e) {
            throw new IllegalStateException("Jakarta Mail refused the message " + notification.dedupeKey()
                    + " written from " + composed.source() + ": " + e.getMessage(), e);
        }
        smtp.send(message, to, who);
        LOG.debug("E-mailed {} {} of booking {} to {} through {}:{} ({}, {})", notification.kind(),
                notification.dedupeKey(), booking.id(), who, host, port, composed.source(),
                notification.calendar().map(c -> "with " + c.fileName()).orElse("no calendar"));
    }

    private Facts facts(Notification notification, Recipient recipient) {
        Booking booking = notification.booking();
        List<String> names = new ArrayList<>();
        Optional<ZoneId> zone = Optional.empty();
        for (String id : booking.resourceIds()) {
            Optional<Resource> resource = store.findResource(booking.tenantId(), id);
            if (resource.isEmpty()) {
                LOG.warn("Resource {} of tenant {} no longer exists: message {} about booking {} names it by its id",
                        id, booking.tenantId(), notification.dedupeKey(), booking.id());
            }
            names.add(resource.map(Resource::name).orElse(id));
            if (id.equals(booking.resourceId())) {
                zone = resource.map(Resource::zone);
            }
        }
        // The local times are the first resource's, as in the calendar; without it, the reader's.
        ZoneId times = zone.orElseGet(() -> recipient.zone().orElse(ZoneOffset.UTC));
        Optional<Duration> cutoff = catalog.find(booking.templateName()).map(ServiceTemplate::cancellationCutoff);
        Optional<String> url = link.map(l -> l.render(Map.of("bookingId", booking.id(), "tenant", booking.tenantId(),
                "customer", booking.customerId())));
        return new Facts(notification, recipient, names, times, cutoff, url, senderName);
    }

    /**
     * The server and sender, never the credentials.
     *
     * @return such as {@code MailNotifier[smtp.example.com:587 STARTTLS, from bookings@shop.example]}
     */
    @Override
    public String toString() {
        return "MailNotifier[" + host + ":" + port + " " + tls + ", from " + from.getAddress() + "]";
    }

    /**
     * Settings of a {@link MailNotifier}. {@code host}, {@code sender}, {@code recipients},
     * {@code store} and {@code templates} are required. Every setter checks its value at once and
     * refuses a bad one with an {@link InvalidRequestException} naming it (a null with a
     * {@link NullPointerException} naming the argument). Not thread-safe.
     */
    public static final class Builder {
        private String host;
        private Optional<Integer> port = Optional.empty();
        private TlsMode tls = TlsMode.STARTTLS;
        private Optional<String> user = Optional.empty();
        private Optional<String> password = Optional.empty();
        private Optional<SSLSocketFactory> socketFactory = Optional.empty();
        private String senderAddress;
        private String senderName = "";
        private Optional<String> replyTo = Optional.empty();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Optional<LinkPattern> link = Optional.empty();
        private Recipients recipients;
        private BookingStore store;
        private TemplateCatalog catalog;
        private Optional<Set<Channel>> channels = Optional.of(Set.of(Channel.EMAIL));
        private Optional<String> templateLocation = Optional.empty();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * The SMTP server. Required.
         *
         * @param host a host name ({@code smtp.example.com}), an IPv4 address or an IPv6 literal
         * @return this builder
         * @throws InvalidRequestException if it is none of these
         */
        public Builder host(String host) {
            this.host = Addresses.requireHost(Objects.requireNonNull(host, "host must not be null"));
            return this;
        }

        /**
         * The server's port; by default the TLS mode's ({@link TlsMode#defaultPort()}: 25, 587 or
         * 465).
         *
         * @param port 1 to 65535
         * @return this builder
         * @throws InvalidRequestException if it is out of range
         */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new InvalidRequestException("port must be 1 to 65535, but was " + port);
            }
            this.port = Optional.of(port);
            return this;
        }

        /**
         * How the connection is protected; {@link TlsMode#STARTTLS} by default.
         *
         * @param tls the mode
         * @return this builder
         */
        public Builder tls(TlsMode tls) {
            this.tls = Objects.requireNonNull(tls, "tls must not be null");
            return this;
        }

        /**
         * Logs in to the server (SMTP AUTH) as {@code user}; by default no login. With
         * {@link TlsMode#NONE} only a loopback host is accepted, since the password would cross the
         * network in clear.
         *
         * @param user     the user name, not blank
         * @param password the password, not empty
         * @return this builder
         * @throws InvalidRequestException if the user is blank or holds control characters, or the
         *                                 password is empty
         */
        public Builder credentials(String user, String password) {
            Objects.requireNonNull(user, "user must not be null");
            Objects.requireNonNull(password, "password must not be null");
            if (user.isBlank()) {
                throw new InvalidRequestException("credentials: user must not be blank");
            }
            Addresses.requireName(user, "credentials: user");
            if (password.isEmpty()) {
                throw new InvalidRequestException("credentials: the password of user '" + user + "' must not be empty");
            }
            this.user = Optional.of(user);
            this.password = Optional.of(password);
            return this;
        }

        /**
         * The TLS sockets to use, for a server whose certificate the JVM's trust store does not
         * know (a private CA); by default the JVM's. The server's host name is checked against its
         * certificate all the same.
         *
         * @param factory the factory, such as {@code sslContext.getSocketFactory()}
         * @return this builder
         */
        public Builder sslSocketFactory(SSLSocketFactory factory) {
            this.socketFactory = Optional.of(Objects.requireNonNull(factory, "factory must not be null"));
            return this;
        }

        /**
         * The sender (From, and the envelope sender that bounces go to), without a name. Required.
         *
         * @param address a plain address such as {@code bookings@shop.example}
         * @return this builder
         * @throws InvalidRequestException if it is not one valid address
         */
        public Builder sender(String address) {
            return sender(address, "");
        }

        /**
         * The sender, with the name recipients see. Required.
         *
         * @param address a plain address such as {@code bookings@shop.example}
         * @param name    the name beside it, such as {@code The Barber Shop}; may be empty
         * @return this builder
         * @throws InvalidRequestException if the address is not one valid address or the name holds
         *                                 control characters
         */
        public Builder sender(String address, String name) {
            this.senderAddress = Addresses.requireAddress(Objects.requireNonNull(address, "address must not be null"),
                    "sender");
            this.senderName = Addresses.requireName(Objects.requireNonNull(name, "name must not be null"), "sender name");
            return this;
        }

        /**
         * Where replies go, when not to the sender; by default none (replies go to the sender).
         *
         * @param address a plain address
         * @return this builder
         * @throws InvalidRequestException if it is not one valid address
         */
        public Builder replyTo(String address) {
            this.replyTo = Optional.of(Addresses.requireAddress(Objects.requireNonNull(address,
                    "address must not be null"), "replyTo"));
            return this;
        }

        /**
         * How long to wait for the connection (and TLS handshake to start);
         * {@link MailNotifier#DEFAULT_CONNECT_TIMEOUT} by default.
         *
         * @param timeout at least a millisecond, at most {@link MailNotifier#MAX_TIMEOUT}
         * @return this builder
         * @throws InvalidRequestException if it is out of that range
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout("connectTimeout", timeout);
            return this;
        }

        /**
         * How long to wait for each reply of the server, and for each write to it;
         * {@link MailNotifier#DEFAULT_READ_TIMEOUT} by default.
         *
         * @param timeout at least a millisecond, at most {@link MailNotifier#MAX_TIMEOUT}
         * @return this builder
         * @throws InvalidRequestException if it is out of that range
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout("readTimeout", timeout);
            return this;
        }

        /**
         * The link to a booking's page, for {@code {link}} and {@code {linkLine}}; by default none.
         * Placeholders: {@code {bookingId}}, {@code {tenant}} and {@code {customer}} (the customer
         * id), each percent-encoded as a path segment.
         *
         * @param pattern such as {@code https://shop.example/bookings/{bookingId}}
         * @return this builder
         * @throws InvalidRequestException if it uses another placeholder or does not make an
         *                                 absolute http or https URL
         */
        public Builder linkPattern(String pattern) {
            this.link = Optional.of(LinkPattern.of(Objects.requireNonNull(pattern, "pattern must not be null")));
            return this;
        }

        /**
         * How to reach people: the customer's address, name and zone. Required.
         *
         * @param recipients the application's directory
         * @return this builder
         */
        public Builder recipients(Recipients recipients) {
            this.recipients = Objects.requireNonNull(recipients, "recipients must not be null");
            return this;
        }

        /**
         * The engine's store, for the names and zones of resources
         * ({@link BookingStore#findResource}). Required.
         *
         * @param store the store the engine uses
         * @return this builder
         */
        public Builder store(BookingStore store) {
            this.store = Objects.requireNonNull(store, "store must not be null");
            return this;
        }

        /**
         * The engine's templates, for the cancellation cutoff; their locales' mail templates are
         * checked by {@link #build()}. Required.
         *
         * @param templates the catalog the engine uses
         * @return this builder
         */
        public Builder templates(TemplateCatalog templates) {
            this.catalog = Objects.requireNonNull(templates, "templates must not be null");
            return this;
        }

        /**
         * The reminder channels sent by e-mail; {@link Channel#EMAIL} alone by default. A reminder
         * over another channel (the template's {@code 24h:sms}) is skipped; notifications without
         * a channel are always sent.
         *
         * @param channels one or more channels
         * @return this builder
         * @throws InvalidRequestException if none is given
         */
        public Builder channels(Channel... channels) {
            Objects.requireNonNull(channels, "channels must not be null");
            if (channels.length == 0) {
                throw new InvalidRequestException("channels must name at least one channel (or use anyChannel())");
            }
            Set<Channel> set = new LinkedHashSet<>();
            for (int i = 0; i < channels.length; i++) {
                set.add(Objects.requireNonNull(channels[i], "channels[" + i + "] must not be null"));
            }
            this.channels = Optional.of(set);
            return this;
        }

        /**
         * Sends reminders of every channel by e-mail, for an application whose only port this is.
         *
         * @return this builder
         */
        public Builder anyChannel() {
            this.channels = Optional.empty();
            return this;
        }

        /**
         * A folder on the class path with the application's templates, looked up before the
         * shipped ones for each locale: to reword the shipped languages, or to add one where the
         * shipped folder cannot be shared (on the module path a package belongs to one module).
         * By default only {@code io/bookingkit/notify/mail/templates} is read (where an application
         * on the class path can add locales too).
         *
         * @param folder such as {@code mail/templates}
         * @return this builder
         * @throws InvalidRequestException if it is blank or not a relative path of letters, digits,
         *                                 {@code -}, {@code _}, {@code .} and {@code /}
         */
        public Builder templateLocation(String folder) {
            Objects.requireNonNull(folder, "folder must not be null");
            String f = folder.strip();
            if (f.isEmpty() || !f.matches("/?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*/?") || f.contains("..")) {
                throw new InvalidRequestException("templateLocation '" + folder
                        + "' must be a class path folder such as mail/templates");
            }
            this.templateLocation = Optional.of(f);
            return this;
        }

        /**
         * The clock of the messages' Date header; the system's (UTC) by default.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * Builds the notifier, after reading and checking the mail templates of English and of
         * every locale the catalog's templates use. Logs a warning for each template whose
         * reminders go over channels this notifier does not send.
         *
         * @return the notifier
         * @throws InvalidRequestException if a required setting is missing, credentials are given
         *                                 for {@link TlsMode#NONE} to a host that is not loopback,
         *                                 or a template file is invalid
         */
        public MailNotifier build() {
            List<String> missing = new ArrayList<>();
            if (host == null) {
                missing.add("host");
            }
            if (senderAddress == null) {
                missing.add("sender");
            }
            if (recipients == null) {
                missing.add("recipients");
            }
            if (store == null) {
                missing.add("store");
            }
            if (catalog == null) {
                missing.add("templates");
            }
            if (!missing.isEmpty()) {
                throw new InvalidRequestException("MailNotifier needs " + String.join(", ", missing));
            }
            if (user.isPresent() && tls == TlsMode.NONE && !Addresses.isLoopback(host)) {
                throw new InvalidRequestException("credentials for user '" + user.get() + "' need TLS: tls NONE would"
                        + " send the password to " + host + " in clear; use STARTTLS or SMTPS (NONE takes credentials"
                        + " only for a loopback host)");
            }
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Templates templates = new Templates(loader != null ? loader : MailNotifier.class.getClassLoader(),
                    templateLocation);
            Set<Locale> locales = new LinkedHashSet<>();
            locales.add(Locale.ENGLISH);
            for (String name : catalog.names()) {
                ServiceTemplate template = catalog.get(name);
                locales.add(template.locale());
                warnAboutChannels(template);
            }
            locales.forEach(templates::check);
            return new MailNotifier(this, templates);
        }

        private void warnAboutChannels(ServiceTemplate template) {
            if (channels.isEmpty()) {
                return;
            }
            Set<String> skipped = template.reminders().stream().map(Reminder::channel)
                    .filter(c -> !channels.get().contains(c)).map(Channel::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!skipped.isEmpty()) {
                LOG.warn("Template {} sends reminders over {}, which this MailNotifier does not e-mail (it sends {});"
                        + " name them in channels(...), or use anyChannel()", template.name(), skipped,
                        channels.get().stream().map(Channel::name).collect(Collectors.toCollection(TreeSet::new)));
            }
        }

        private static Duration timeout(String what, Duration timeout) {
            Objects.requireNonNull(timeout, what + " must not be null");
            if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
                throw new InvalidRequestException(what + " must be from 1 ms to " + MAX_TIMEOUT.toMinutes()
                        + " minutes, but was " + timeout);
            }
            return timeout;
        }
    }
}
