package io.bookingkit.notify.mail;

/** How the connection to the SMTP server is protected. */
public enum TlsMode {
    /**
     * No TLS: everything, the messages included, crosses the network in clear. Only for a relay on
     * the same host or a trusted network; credentials are accepted with it only for a loopback host.
     * Port 25 by default.
     */
    NONE,
    /**
     * A plain connection upgraded with {@code STARTTLS} before anything is sent; a server that does
     * not offer it is refused (the message is retried). The server's certificate and host name are
     * checked. Port 587 by default.
     */
    STARTTLS,
    /**
     * TLS from the first byte (SMTPS, "implicit TLS"). The server's certificate and host name are
     * checked. Port 465 by default.
     */
    SMTPS;

    /**
     * The port a server of this mode usually listens on.
     *
     * @return 25, 587 or 465
     */
    public int defaultPort() {
        return switch (this) {
            case NONE -> 25;
            case STARTTLS -> 587;
            case SMTPS -> 465;
        };
    }
}
