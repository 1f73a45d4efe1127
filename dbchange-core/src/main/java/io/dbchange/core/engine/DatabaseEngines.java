package io.dbchange.core.engine;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.engine.DatabaseEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the {@link DatabaseEngine}s on the class path with {@link ServiceLoader}: one per engine module
 * ({@code dbchange-mysql} serves {@code jdbc:mysql:} and {@code jdbc:mariadb:}, {@code dbchange-postgres} serves
 * {@code jdbc:postgresql:}).
 *
 * <pre>{@code
 * DatabaseEngine engine = DatabaseEngines.forUrl("jdbc:postgresql://db:5432/app");
 * DatabaseEngine mysql = DatabaseEngines.forName("mysql");
 * }</pre>
 *
 * <p>The static methods use the engines visible to the class loader that loaded dbchange, found once and cached
 * (engines are stateless). A host with another arrangement (a plugin class loader, say) asks
 * {@link #load(ClassLoader)} instead. Thread-safe.
 */
public final class DatabaseEngines {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseEngines.class);

    private final List<DatabaseEngine> engines;

    private DatabaseEngines(List<DatabaseEngine> engines) {
        this.engines = List.copyOf(engines);
    }

    /** The engines visible to the given class loader, freshly loaded (not cached). */
    public static DatabaseEngines load(ClassLoader classLoader) {
        Objects.requireNonNull(classLoader, "'classLoader' must not be null");
        Map<String, DatabaseEngine> byName = new LinkedHashMap<>();
        for (DatabaseEngine engine : ServiceLoader.load(DatabaseEngine.class, classLoader)) {
            DatabaseEngine first = byName.putIfAbsent(engine.name(), engine);
            if (first != null && first.getClass() != engine.getClass()) {
                LOG.warn(
                        "Two database engines are named '{}': {} and {}; using the first. Remove one of the modules"
                                + " from the class path.",
                        engine.name(),
                        first.getClass().getName(),
                        engine.getClass().getName());
            }
        }
        return new DatabaseEngines(new ArrayList<>(byName.values()));
    }

    /** The engines on dbchange's own class path, in {@link ServiceLoader} order; possibly empty. */
    public static List<DatabaseEngine> all() {
        return Default.ENGINES.engines();
    }

    /**
     * The engine that serves a JDBC URL.
     *
     * @throws DbChangeException {@code UNKNOWN_ENGINE} when none does; the message lists the engines found and the
     *     URL prefixes they accept
     */
    public static DatabaseEngine forUrl(String jdbcUrl) {
        return Default.ENGINES.engineForUrl(jdbcUrl);
    }

    /**
     * The engine with the given name ({@code mysql}, {@code postgresql}), ignoring case.
     *
     * @throws DbChangeException {@code UNKNOWN_ENGINE} when there is none; the message lists the engines found
     */
    public static DatabaseEngine forName(String name) {
        return Default.ENGINES.engineNamed(name);
    }

    /** The engines this instance found, in {@link ServiceLoader} order. */
    public List<DatabaseEngine> engines() {
        return engines;
    }

    /** As {@link #forUrl(String)}, among this instance's engines. */
    public DatabaseEngine engineForUrl(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "'jdbcUrl' must not be null");
        return engines.stream()
                .filter(engine -> engine.acceptsUrl(jdbcUrl))
                .findFirst()
                .orElseThrow(() -> unknown(
                        "no database engine accepts the JDBC URL '" + ConnectionSettings.redact(jdbcUrl) + "'"));
    }

    /** As {@link #forName(String)}, among this instance's engines. */
    public DatabaseEngine engineNamed(String name) {
        Objects.requireNonNull(name, "'name' must not be null");
        return engines.stream()
                .filter(engine -> engine.name().equalsIgnoreCase(name.strip()))
                .findFirst()
                .orElseThrow(() -> unknown("no database engine is named '" + name + "'"));
    }

    private DbChangeException unknown(String what) {
        String found = engines.isEmpty()
                ? "no engine is on the class path"
                : "engines found: "
                        + engines.stream()
                                .map(e -> e.name() + " (" + String.join(", ", e.urlPrefixes()) + ")")
                                .collect(Collectors.joining(", "));
        return new DbChangeException(
                CoreErrorCode.UNKNOWN_ENGINE,
                what + "; " + found + ". Add the engine's module to the class path"
                        + " (io.dbchange:dbchange-mysql for MySQL and MariaDB, io.dbchange:dbchange-postgres for"
                        + " PostgreSQL) or use a URL one of them accepts.");
    }

    @Override
    public String toString() {
        return "DatabaseEngines"
                + engines.stream().map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
    }

    /** The cached engines of dbchange's own class loader, loaded on first use. */
    private static final class Default {
        static final DatabaseEngines ENGINES = load(DatabaseEngines.class.getClassLoader());
    }
}
