package io.dbchange.mysql.pipeline;

import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.project.Database;
import io.dbchange.api.project.DatabaseRef;
import io.dbchange.api.project.Instance;
import io.dbchange.api.project.Project;
import io.dbchange.core.pipeline.Pipeline;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Real MariaDB databases for pipeline tests: fresh databases on the embedded server, registered as databases of
 * project {@code shop} on instances of the given environments, and dropped on {@link #close()}.
 */
final class Estate implements AutoCloseable {

    static final String PROJECT = "shop";

    final List<TestDatabase> created = new ArrayList<>();
    final List<Database> databases = new ArrayList<>();
    final List<Instance> instances = new ArrayList<>();

    /** An instance in {@code environmentId} on the embedded server, with {@code count} fresh databases. */
    List<DatabaseRef> instance(String instanceId, String environmentId, int count) {
        List<DatabaseRef> refs = new ArrayList<>();
        String url = null;
        for (int i = 0; i < count; i++) {
            TestDatabase db = TestServers.mysql().createDatabase();
            created.add(db);
            url = db.jdbcUrl();
            DatabaseRef ref = new DatabaseRef(instanceId, db.name());
            refs.add(ref);
            databases.add(new Database(ref, PROJECT, environmentId));
        }
        TestDatabase first = created.get(created.size() - count);
        instances.add(new Instance(
                instanceId, environmentId, "mysql", ConnectionSettings.of(url, first.user(), first.password())));
        return refs;
    }

    /** An instance whose password is wrong, with one database name that need not exist. */
    DatabaseRef unreachable(String instanceId, String environmentId) {
        TestDatabase any = TestServers.mysql().createDatabase();
        created.add(any);
        instances.add(new Instance(
                instanceId, environmentId, "mysql", ConnectionSettings.of(any.jdbcUrl(), any.user(), "wrong")));
        DatabaseRef ref = new DatabaseRef(instanceId, any.name());
        databases.add(new Database(ref, PROJECT, environmentId));
        return ref;
    }

    /** A builder with project {@code shop}, these instances and databases, and short lease/poll settings. */
    Pipeline.Builder pipeline() {
        Pipeline.Builder b = Pipeline.configure()
                .project(Project.of(PROJECT, "Shop"))
                .leaseDuration(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100));
        instances.forEach(b::instance);
        databases.forEach(b::database);
        return b;
    }

    TestDatabase test(DatabaseRef ref) {
        return created.stream()
                .filter(d -> d.name().equals(ref.name()))
                .findFirst()
                .orElseThrow();
    }

    long count(DatabaseRef ref, String sql) throws SQLException {
        try (Connection c = test(ref).openConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void execute(DatabaseRef ref, String sql) throws SQLException {
        try (Connection c = test(ref).openConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    boolean tableExists(DatabaseRef ref, String table) throws SQLException {
        return count(
                        ref,
                        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND"
                                + " table_name = '" + table + "'")
                == 1;
    }

    @Override
    public void close() {
        created.forEach(TestDatabase::close);
    }

    /** A clock a test moves by hand, for rollout times. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
