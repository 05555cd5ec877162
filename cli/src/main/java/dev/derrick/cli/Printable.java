package dev.derrick.cli;

/**
 * Text from outside (a stack name, a value from an outputs file, a parser message) made safe for
 * one line of a terminal: control characters, line breaks and bidirectional overrides become
 * {@code \\uXXXX}, so no input can forge extra lines or recolour the screen.
 */
public final class Printable {
    private Printable() {
    }

    /** Multi-line text (a rendered report): line breaks and tabs stay, every other control character is escaped. */
    public static String text(String s) {
        if (s == null) {
            return null;
        }
        var sb = new StringBuilder(s.length());
        s.lines().forEach(l -> sb.append(line(l.replace("\t", "    "))).append('\n'));
        return s.endsWith("\n") || s.isEmpty() ? sb.toString() : sb.substring(0, sb.length() - 1);
    }

    public static String line(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || (c >= 0x202a && c <= 0x202e)
                    || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
            if (bad && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (bad) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }
}
