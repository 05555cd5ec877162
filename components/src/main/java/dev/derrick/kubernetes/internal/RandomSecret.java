package dev.derrick.kubernetes.internal;

import java.security.SecureRandom;

/**
 * Random credentials made in the program ({@code com.pulumi:random} does not resolve from this
 * project's Maven repository): letters and digits without look-alikes. Callers wrap the result in a
 * secret Output and keep the first value with {@code ignoreChanges}.
 */
public final class RandomSecret {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomSecret() {
    }

    public static String of(int length) {
        var sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
