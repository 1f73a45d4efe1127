package io.dbchange.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.schema.ForeignKey;
import io.dbchange.api.schema.SchemaSnapshot;
import io.dbchange.api.schema.SnapshotOptions;
import io.dbchange.api.schema.Table;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On MariaDB the reader takes foreign keys from InnoDB's dictionary ({@code INNODB_SYS_FOREIGN}) when the user may
 * read it, because information_schema opens every table for them. These tests prove that both sources give the same
 * snapshot: a user with the PROCESS privilege (dictionary) and one without (information_schema) read the same
 * database, over every ON DELETE / ON UPDATE rule, composite and self-referencing keys, a key to another database,
 * and names the dictionary encodes (where the reader falls back to information_schema).
 */
class MySqlForeignKeySourcesIT {

    private static final List<String> RULES = List.of("", "RESTRICT", "CASCADE", "SET NULL", "NO ACTION");

    private final MySqlEngine engine = new MySqlEngine();

    @Test
    void theDictionaryAndInformationSchemaGiveTheSameForeignKeys() throws SQLException {
        // closed in reverse order: the database whose tables reference the other one goes first
        try (TestDatabase other = TestServers.mysql().createDatabase();
                TestDatabase database = TestServers.mysql().createDatabase()) {
            List<String> script = new ArrayList<>();
            script.add("CREATE TABLE " + other.name() + ".remote (id int PRIMARY KEY)");
            script.add("CREATE TABLE parent (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b))");
            int n = 0;
            for (String onDelete : RULES) {
                for (String onUpdate : RULES) {
                    n++;
                    script.add("CREATE TABLE child_" + n + " (id int PRIMARY KEY, a int, b int, r int, up int,"
                            + " CONSTRAINT fk_" + n + " FOREIGN KEY (a, b) REFERENCES parent (a, b)"
                            + (onDelete.isEmpty() ? "" : " ON DELETE " + onDelete)
                            + (onUpdate.isEmpty() ? "" : " ON UPDATE " + onUpdate) + ","
                            + " CONSTRAINT fk_remote_" + n + " FOREIGN KEY (r) REFERENCES " + other.name()
                            + ".remote (id),"
                            + " CONSTRAINT fk_self_" + n + " FOREIGN KEY (up) REFERENCES child_" + n + " (id))");
                }
            }
            execute(database, script);

            List<String> privileged = new ArrayList<>();
            SchemaSnapshot fromDictionary = read(database, database.user(), database.password(), privileged);
            List<String> restricted = new ArrayList<>();
            SchemaSnapshot fromInformationSchema = readWithoutProcess(database, restricted);

            assertThat(privileged).anyMatch(q -> q.contains("INNODB_SYS_FOREIGN"));
            assertThat(privileged).noneMatch(q -> q.contains("REFERENTIAL_CONSTRAINTS"));
            assertThat(restricted).anyMatch(q -> q.contains("REFERENTIAL_CONSTRAINTS"));
            assertThat(fromDictionary.schemas()).isEqualTo(fromInformationSchema.schemas());
            Table child = fromDictionary.schemas().get(0).table("child_25").orElseThrow();
            assertThat(child.foreignKeys()).hasSize(3);
            assertThat(fromDictionary.schemas().get(0).tables().stream()
                            .flatMap(t -> t.foreignKeys().stream())
                            .map(fk -> fk.onDelete() + "/" + fk.onUpdate())
                            .distinct())
                    .as("every rule pair is read")
                    .hasSizeGreaterThanOrEqualTo(16);
            ForeignKey remote = child.foreignKeys().stream()
                    .filter(fk -> fk.name().equals("fk_remote_25"))
                    .findFirst()
                    .orElseThrow();
            assertThat(remote.referencedSchema()).isEqualTo(other.name());
        }
    }

    @Test
    void encodedNamesAreReadFromInformationSchema() throws SQLException {
        try (TestDatabase database = TestServers.mysql().createDatabase()) {
            execute(
                    database,
                    List.of(
                            "CREATE TABLE `pä-rent` (`ïd` int PRIMARY KEY)",
                            "CREATE TABLE `chïld` (id int PRIMARY KEY, p int,"
                                    + " CONSTRAINT `fk-ü` FOREIGN KEY (p) REFERENCES `pä-rent` (`ïd`) ON DELETE CASCADE)"));

            List<String> privileged = new ArrayList<>();
            SchemaSnapshot snapshot = read(database, database.user(), database.password(), privileged);

            assertThat(privileged).anyMatch(q -> q.contains("REFERENTIAL_CONSTRAINTS"));
            ForeignKey fk = snapshot.schemas()
                    .get(0)
                    .table("chïld")
                    .orElseThrow()
                    .foreignKeys()
                    .get(0);
            assertThat(fk.name()).isEqualTo("fk-ü");
            assertThat(fk.referencedTable()).isEqualTo("pä-rent");
            assertThat(fk.referencedColumns()).containsExactly("ïd");
            assertThat(snapshot.schemas())
                    .isEqualTo(readWithoutProcess(database, new ArrayList<>()).schemas());
        }
    }

    private SchemaSnapshot readWithoutProcess(TestDatabase database, List<String> queries) throws SQLException {
        String user = "fk" + database.name().replaceAll("[^a-z0-9]", "");
        user = user.substring(0, Math.min(user.length(), 30));
        List<String> grants = new ArrayList<>();
        for (String host : List.of("localhost", "%")) {
            grants.add("CREATE OR REPLACE USER '" + user + "'@'" + host + "' IDENTIFIED BY 'pw'");
            grants.add("GRANT ALL PRIVILEGES ON `" + database.name() + "`.* TO '" + user + "'@'" + host + "'");
        }
        execute(database, grants);
        try {
            return read(database, user, "pw", queries);
        } finally {
            execute(database, List.of("DROP USER '" + user + "'@'localhost'", "DROP USER '" + user + "'@'%'"));
        }
    }

    private SchemaSnapshot read(TestDatabase database, String user, String password, List<String> queries)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), user, password)) {
            return engine.readSchema(recording(c, queries), SnapshotOptions.DEFAULTS);
        }
    }

    private static void execute(TestDatabase database, List<String> statements) throws SQLException {
        try (Connection c = database.openConnection();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** A connection whose plain statements record every query they run. */
    private static Connection recording(Connection target, List<String> queries) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (result instanceof Statement st && !(result instanceof java.sql.PreparedStatement)) {
                        return Proxy.newProxyInstance(
                                Statement.class.getClassLoader(), new Class<?>[] {Statement.class}, (p, m, a) -> {
                                    if (m.getName().startsWith("execute") && a != null && a[0] instanceof String q) {
                                        queries.add(q);
                                    }
                                    return invoke(st, m, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
