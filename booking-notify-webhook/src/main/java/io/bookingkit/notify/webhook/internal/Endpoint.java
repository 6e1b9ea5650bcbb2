package io.bookingkit.notify.webhook.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One configured URL and the secret its signatures are made with. The secret never appears in
 * {@link #toString()}, logs or messages; the URL appears there as {@link #display()}.
 */
public final class Endpoint {

    private final URI uri;
    private final byte[] secret;
    private final String display;

    /**
     * A URL with its secret.
     *
     * @param uri    an absolute http or https URI with a host, checked by the caller
     * @param secret the secret, not empty, checked by the caller
     */
    public Endpoint(URI uri, String secret) {
        this.uri = uri;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.display = display(uri);
    }

    /**
     * Where to POST.
     *
     * @return the URI
     */
    public URI uri() {
        return uri;
    }

    /**
     * The key of the signatures, as the secret's UTF-8 bytes. Not a copy: do not change it.
     *
     * @return the key
     */
    byte[] secret() {
        return secret;
    }

    /**
     * The URL for logs and messages: scheme, host, port and path, with a query left out as
     * {@code ?…} (queries often carry tokens).
     *
     * @return the URL to show
     */
    public String display() {
        return display;
    }

    /**
     * {@code uri} as {@link #display()} shows it.
     *
     * @param uri any URI
     * @return scheme, authority without user info, and path, with {@code ?…} for a query; an
     *         opaque URI such as {@code mailto:} as it is
     */
    public static String display(URI uri) {
        if (uri.isOpaque()) {
            return uri.getScheme() + ":" + uri.getRawSchemeSpecificPart();
        }
        StringBuilder shown = new StringBuilder();
        if (uri.getScheme() != null) {
            shown.append(uri.getScheme()).append("://");
        }
        if (uri.getRawUserInfo() != null) {
            shown.append("***@");
        }
        if (uri.getHost() != null) {
            shown.append(uri.getHost());
        }
        if (uri.getPort() >= 0) {
            shown.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            shown.append(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            shown.append("?…");
        }
        return shown.toString();
    }

    @Override
    public String toString() {
        return display;
    }
}
