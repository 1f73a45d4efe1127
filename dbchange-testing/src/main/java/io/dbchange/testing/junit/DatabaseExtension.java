package io.dbchange.testing.junit;

import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServer;
import io.dbchange.testing.TestServerKind;
import io.dbchange.testing.TestServerSource;
import io.dbchange.testing.TestServers;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves parameters annotated {@link MySqlDatabase} or {@link PostgresDatabase} to fresh databases. Registered by
 * {@link DbChangeTest}; register it yourself with {@link #withServers} to use servers of your choosing.
 *
 * <p>Which database a parameter receives:
 *
 * <ul>
 *   <li>Each test gets its own databases, created on first request: the first {@code @MySqlDatabase} parameter of
 *       a method is the test's first MySQL database, the second parameter its second one, and so on. So a
 *       {@code @BeforeEach} method and the test method that both declare one {@code @MySqlDatabase} parameter see
 *       the same database, while a method with two such parameters sees two distinct databases.
 *   <li>A parameter of a {@code @BeforeAll} method (or of a constructor that JUnit creates in the class scope)
 *       creates a database for the whole class, which the test methods' parameters at the same position then
 *       share.
 *   <li>Supported parameter types: {@link TestDatabase}, {@link DataSource} (non-pooling) and
 *       {@link ConnectionSettings}. Anything else, a {@link TestDatabase} parameter without an annotation, or one
 *       with both annotations fails with a message saying how to fix it.
 * </ul>
 *
 * <p>When the scope that created a database ends, the database is dropped if its server is external (it outlives
 * the JVM); databases on embedded servers and containers vanish with the server at JVM exit, and keeping them
 * until then is cheaper than dropping each one.
 *
 * <p>Thread-safe: parallel test execution gets one database per key and scope.
 */
public final class DatabaseExtension implements ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DatabaseExtension.class);
    private static final Set<Class<?>> SUPPORTED_TYPES =
            Set.of(TestDatabase.class, DataSource.class, ConnectionSettings.class);

    private final Function<TestServerKind, TestServer> servers;

    /** The extension over this JVM's shared servers ({@link TestServers}); what {@link DbChangeTest} registers. */
    public DatabaseExtension() {
        this(TestServers::of);
    }

    private DatabaseExtension(Function<TestServerKind, TestServer> servers) {
        this.servers = servers;
    }

    /**
     * An extension that creates databases on the given servers (at most one per kind) and on this JVM's shared
     * server for kinds not given. Register it with {@code @RegisterExtension} on a class without
     * {@link DbChangeTest}, since two of these extensions would compete for the same parameters.
     */
    public static DatabaseExtension withServers(TestServer... servers) {
        Objects.requireNonNull(servers, "'servers' must not be null");
        Map<TestServerKind, TestServer> byKind = new EnumMap<>(TestServerKind.class);
        for (TestServer server : servers) {
            Objects.requireNonNull(server, "'servers' must not contain null");
            if (byKind.put(server.kind(), server) != null) {
                throw new IllegalArgumentException(
                        "'servers' must hold at most one server per kind but holds two " + server.kind() + " servers");
            }
        }
        return new DatabaseExtension(kind -> byKind.containsKey(kind) ? byKind.get(kind) : TestServers.of(kind));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        // An unannotated TestDatabase is claimed too, so that its author gets our explanation instead of JUnit's
        // generic "no ParameterResolver registered". Unannotated DataSources are left to other extensions.
        return parameterContext.isAnnotated(MySqlDatabase.class)
                || parameterContext.isAnnotated(PostgresDatabase.class)
                || parameterContext.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        TestServerKind kind = kindOf(parameterContext);
        Class<?> type = parameterContext.getParameter().getType();
        if (!SUPPORTED_TYPES.contains(type)) {
            throw new ParameterResolutionException(
                    "@" + annotationName(kind) + " parameter " + describe(parameterContext)
                            + " has type " + type.getName() + ", but only TestDatabase, javax.sql.DataSource and"
                            + " ConnectionSettings can receive a database; change the parameter's type");
        }
        String key = kind + "#" + ordinal(parameterContext, kind);
        CreatedDatabase created = extensionContext
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(key, k -> create(kind, extensionContext), CreatedDatabase.class);
        TestDatabase db = created.database();
        if (type == DataSource.class) {
            return db.dataSource();
        }
        if (type == ConnectionSettings.class) {
            return db.connectionSettings();
        }
        return db;
    }

    private CreatedDatabase create(TestServerKind kind, ExtensionContext context) {
        TestServer server = servers.apply(kind);
        TestDatabase db = server.createDatabase();
        LOG.debug("{} - created {} database {} on {}", context.getUniqueId(), kind, db.name(), server.description());
        return new CreatedDatabase(db, server.source() == TestServerSource.EXTERNAL);
    }

    private static TestServerKind kindOf(ParameterContext parameterContext) {
        boolean mysql = parameterContext.isAnnotated(MySqlDatabase.class);
        boolean postgres = parameterContext.isAnnotated(PostgresDatabase.class);
        if (mysql && postgres) {
            throw new ParameterResolutionException("parameter " + describe(parameterContext)
                    + " is annotated with both @MySqlDatabase and @PostgresDatabase; keep the one naming the server"
                    + " the database should be created on");
        }
        if (!mysql && !postgres) {
            throw new ParameterResolutionException("parameter " + describe(parameterContext)
                    + " needs @MySqlDatabase or @PostgresDatabase to say which server to create the database on");
        }
        return mysql ? TestServerKind.MYSQL : TestServerKind.POSTGRESQL;
    }

    /** How many parameters of the same kind come before this one in its method. */
    private static int ordinal(ParameterContext parameterContext, TestServerKind kind) {
        Parameter[] parameters = parameterContext.getDeclaringExecutable().getParameters();
        int ordinal = 0;
        for (int i = 0; i < parameterContext.getIndex(); i++) {
            if (kindAnnotated(parameters[i], kind)) {
                ordinal++;
            }
        }
        return ordinal;
    }

    private static boolean kindAnnotated(Parameter parameter, TestServerKind kind) {
        return parameter.isAnnotationPresent(
                kind == TestServerKind.MYSQL ? MySqlDatabase.class : PostgresDatabase.class);
    }

    private static String annotationName(TestServerKind kind) {
        return kind == TestServerKind.MYSQL ? "MySqlDatabase" : "PostgresDatabase";
    }

    private static String describe(ParameterContext parameterContext) {
        Executable executable = parameterContext.getDeclaringExecutable();
        Parameter parameter = parameterContext.getParameter();
        return "'" + parameter.getName() + "' of "
                + executable.getDeclaringClass().getSimpleName() + "." + executable.getName();
    }

    /**
     * A database in an extension-context store. JUnit closes {@link AutoCloseable} store values when their scope
     * ends; only databases on external servers are dropped then.
     */
    private record CreatedDatabase(TestDatabase database, boolean dropOnClose) implements AutoCloseable {
        @Override
        public void close() {
            if (dropOnClose) {
                database.close();
                LOG.debug("dropped test database {}", database.name());
            }
        }
    }
}
