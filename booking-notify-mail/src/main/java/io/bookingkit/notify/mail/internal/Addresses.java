package io.bookingkit.notify.mail.internal;

import io.bookingkit.error.InvalidRequestException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Checks of addresses, names and hosts, each refusal naming the value. Not API. */
public final class Addresses {

    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?");

    private Addresses() {
    }

    /**
     * Checks that {@code address} is one plain e-mail address ({@code local@domain}, no name, no
     * angle brackets, no list).
     *
     * @param address the text to check
     * @param what    the setting's name, for the message
     * @return the address, as given
     * @throws InvalidRequestException if it is not such an address
     */
    public static String requireAddress(String address, String what) {
        String quoted = "'" + printable(address) + "'";
        if (address.isBlank()) {
            throw new InvalidRequestException(what + " must be an e-mail address, but was blank");
        }
        InternetAddress parsed;
        try {
            InternetAddress[] all = InternetAddress.parse(address, true);
            if (all.length != 1) {
                throw new InvalidRequestException(what + " " + quoted + " must be one e-mail address, but names "
                        + all.length);
            }
            parsed = all[0];
            parsed.validate();
        } catch (AddressException e) {
            throw new InvalidRequestException(what + " " + quoted + " is not a valid e-mail address: " + e.getMessage(), e);
        }
        if (!parsed.getAddress().equals(address.strip()) || parsed.getPersonal() != null) {
            throw new InvalidRequestException(what + " " + quoted + " must be a plain address such as ana@example.com,"
                    + " without a name or angle brackets");
        }
        if (address.indexOf('@') <= 0 || address.chars().anyMatch(c -> c > 127 || Character.isWhitespace(c))) {
            throw new InvalidRequestException(what + " " + quoted + " must be local@domain in ASCII without spaces");
        }
        return address;
    }

    /**
     * Checks that {@code name} can stand in a header: no line breaks or other control characters.
     *
     * @param name the display name
     * @param what the setting's name, for the message
     * @return the name
     * @throws InvalidRequestException if it holds a control character
     */
    public static String requireName(String name, String what) {
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new InvalidRequestException(what + " '" + printable(name) + "' must not contain control characters,"
                        + " but has one at index " + i);
            }
        }
        return name;
    }

    /**
     * Checks that {@code host} is a host name, an IPv4 address or an IPv6 literal.
     *
     * @param host the SMTP host
     * @return the host, without the brackets of an IPv6 literal
     * @throws InvalidRequestException if it is none of these
     */
    public static String requireHost(String host) {
        if (host.isBlank()) {
            throw new InvalidRequestException("host must be a host name or an IP address, but was blank");
        }
        if (HOST_NAME.matcher(host).matches()) {
            return host;
        }
        if (IPV6.matcher(host).matches()) {
            return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        }
        throw new InvalidRequestException("host '" + printable(host) + "' is not a host name or an IP address");
    }

    /**
     * Whether {@code host} is this machine's loopback interface by name or address.
     *
     * @param host a host as {@link #requireHost} returned it
     * @return true for {@code localhost}, {@code 127.x.y.z} and {@code ::1}
     */
    public static boolean isLoopback(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
                || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }

    /**
     * {@code address} with {@code name} beside it, the name encoded for a header where it needs to be.
     *
     * @param address a checked address
     * @param name    a display name, possibly empty
     * @return the address
     * @throws InvalidRequestException if the address does not parse
     */
    public static InternetAddress internet(String address, String name) {
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            if (!name.isBlank()) {
                parsed.setPersonal(Text.singleLine(name), StandardCharsets.UTF_8.name());
            }
            return parsed;
        } catch (AddressException e) {
            throw new InvalidRequestException("'" + printable(address) + "' is not a valid e-mail address: "
                    + e.getMessage(), e);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    /** {@code text} with control characters shown as {@code \\uXXXX}, for messages. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }
}
