package dev.derrick.config;

/**
 * One top-level config value before it is typed: JSON text for structured values, the plain
 * string otherwise (that is how Pulumi hands config to a program).
 *
 * @param text   the value; for a secret, the plaintext (under pulumi) or the ciphertext (offline)
 * @param secret true when the value was given as {@code secure:}; it is never printed
 * @param file   the file (or "Pulumi config") it came from, for error messages
 */
public record RawValue(String text, boolean secret, String file) {
    @Override
    public String toString() {
        return secret ? "[secret]" : text;
    }
}
