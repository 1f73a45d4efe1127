package io.dbchange.core.engine.internal;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.engine.DatabaseEngine;
import java.util.Locale;
import java.util.Objects;

/** JDBC URL helpers for names, messages and logs; nothing here ever returns a secret. */
public final class JdbcUrls {

    private JdbcUrls() {}

    /**
     * Where a URL points, for a pool name: {@code host:port/database}, without scheme, credentials or parameters.
     * {@code jdbc:mysql://u:secret@db1:3306/app?ssl=true} gives {@code db1:3306/app}.
     */
    public static String location(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "'jdbcUrl' must not be null");
        String rest = jdbcUrl;
        for (int i = 0; i < 2 && rest.indexOf(':') >= 0; i++) {
            rest = rest.substring(rest.indexOf(':') + 1); // drop "jdbc:" and the sub-protocol
        }
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
        }
        int end = indexOfAny(rest, "?;");
        rest = end < 0 ? rest : rest.substring(0, end);
        int slash = rest.indexOf('/');
        int at = rest.lastIndexOf('@', slash < 0 ? rest.length() : slash);
        if (at >= 0) {
            rest = rest.substring(at + 1);
        }
        return ConnectionSettings.redact(rest);
    }

    /**
     * Checks that an engine serves a URL, so that {@code openPool} never hands another database's URL to its
     * driver.
     *
     * @throws DbChangeException {@code INVALID_ARGUMENT} naming the engine's prefixes and the (redacted) URL
     */
    public static void requireServedBy(DatabaseEngine engine, String jdbcUrl) {
        if (!engine.acceptsUrl(jdbcUrl)) {
            throw new DbChangeException(
                    CoreErrorCode.INVALID_ARGUMENT,
                    "the " + engine.name() + " engine serves URLs starting with "
                            + String.join(" or ", engine.urlPrefixes()) + ", not '"
                            + ConnectionSettings.redact(jdbcUrl)
                            + "'; use DatabaseEngines.forUrl(url) to find the engine for a URL");
        }
    }

    /** Whether a URL starts with the given prefix, ignoring case. */
    public static boolean hasPrefix(String jdbcUrl, String prefix) {
        return jdbcUrl.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /** The URL with {@code from} (matched ignoring case) replaced by {@code to}; unchanged if it has no such prefix. */
    public static String replacePrefix(String jdbcUrl, String from, String to) {
        return hasPrefix(jdbcUrl, from) ? to + jdbcUrl.substring(from.length()) : jdbcUrl;
    }

    /** The lower-case sub-protocol of a URL: {@code mysql} for {@code jdbc:mysql://...}. */
    public static String subProtocol(String jdbcUrl) {
        String rest = jdbcUrl.substring(jdbcUrl.indexOf(':') + 1);
        int colon = rest.indexOf(':');
        return (colon < 0 ? rest : rest.substring(0, colon)).toLowerCase(Locale.ROOT);
    }

    private static int indexOfAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
