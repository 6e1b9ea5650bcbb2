package io.bookingkit.notify.mail.internal;

/** Small text helpers shared by the message parts. Not API. */
final class Text {

    private Text() {
    }

    /**
     * {@code value} on one line: every control character (line breaks, tabs) becomes a space, so a
     * name from a directory can neither break a header nor start a line of its own.
     */
    static String singleLine(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return out.toString();
    }

    /** {@code text} escaped for HTML text and attribute values (double- or single-quoted). */
    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
