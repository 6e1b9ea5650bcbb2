/**
 * E-mail notifications for bookingkit: {@link io.bookingkit.notify.mail.MailNotifier} is a
 * {@link io.bookingkit.notify.NotificationPort} that sends each notification as one message over
 * SMTP with Jakarta Mail. Packages named {@code internal} are not exported.
 */
module io.bookingkit.notify.mail {
    // Its types (NotificationPort, BookingStore, TemplateCatalog, Channel) are in this module's API.
    requires transitive io.bookingkit.core;
    requires jakarta.mail;
    requires org.slf4j;

    exports io.bookingkit.notify.mail;
}
