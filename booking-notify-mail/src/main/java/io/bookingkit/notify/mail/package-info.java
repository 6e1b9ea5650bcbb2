/**
 * E-mail notifications: {@link io.bookingkit.notify.mail.MailNotifier} sends each notification the
 * engine's outbox delivers as one message over SMTP, in the booking's language, with the booking's
 * iCalendar file attached where the notification carries one. The application tells it how to reach
 * people through {@link io.bookingkit.notify.mail.Recipients}.
 *
 * <p>Templates are {@code .properties} files on the class path, one per
 * {@link io.bookingkit.notify.NotificationKind} and locale; see {@link io.bookingkit.notify.mail.MailNotifier}
 * for the lookup and the placeholders.
 */
package io.bookingkit.notify.mail;
