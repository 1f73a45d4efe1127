package io.dbchange.api.engine;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a probe found out about a server.
 *
 * @param product the server product
 * @param version the version string the server reports (e.g. {@code 11.4.5-MariaDB-log}, {@code 17.6})
 * @param majorVersion major version number
 * @param minorVersion minor version number
 * @param currentUser the user the connection authenticated as, as the server names it
 * @param settings server settings that dbchange's capabilities depend on, by lower-case name (for MySQL/MariaDB
 *     {@code log_bin}, {@code binlog_format}, {@code binlog_row_image}, ...; for PostgreSQL {@code wal_level},
 *     {@code max_replication_slots}, ...); a setting the server does not have is absent
 * @param privileges privileges of the current user that matter to dbchange, upper case (e.g.
 *     {@code REPLICATION SLAVE}, {@code SUPERUSER}, {@code REPLICATION})
 */
public record ServerInfo(
        Product product,
        String version,
        int majorVersion,
        int minorVersion,
        String currentUser,
        Map<String, String> settings,
        Set<String> privileges) {

    public ServerInfo {
        Objects.requireNonNull(product, "'product' must not be null");
        Objects.requireNonNull(version, "'version' must not be null");
        Objects.requireNonNull(currentUser, "'currentUser' must not be null");
        settings = Map.copyOf(settings);
        privileges = Set.copyOf(privileges);
    }

    /** A setting by its lower-case name. */
    public Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    /** Whether the current user holds the named privilege (upper case, as listed in {@link #privileges()}). */
    public boolean hasPrivilege(String privilege) {
        return privileges.contains(privilege);
    }

    /** Whether the server is at least the given version. */
    public boolean isAtLeast(int major, int minor) {
        return majorVersion > major || (majorVersion == major && minorVersion >= minor);
    }
}
