package io.dbchange.testing.internal;

import java.security.SecureRandom;

/**
 * Unique names for test databases: {@code t_} and 12 random base-36 characters (62 bits), so that test JVMs sharing
 * one external server do not collide without coordinating.
 */
public final class DatabaseNames {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private DatabaseNames() {}

    /** A new name such as {@code t_3k9x0c2mqa7f}: lower case, so it needs no quoting on either server. */
    public static String next() {
        char[] chars = new char[12];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return "t_" + new String(chars);
    }
}
