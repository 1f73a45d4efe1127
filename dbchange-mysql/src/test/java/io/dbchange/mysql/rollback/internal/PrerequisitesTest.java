package io.dbchange.mysql.rollback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.mysql.rollback.PrerequisiteProblem;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules that cannot be provoked on the embedded server (binary log off, MySQL-only settings). */
class PrerequisitesTest {

    private static final Set<String> PRIVILEGES = Set.of("REPLICATION SLAVE", "BINLOG MONITOR");

    private static Map<String, String> good() {
        Map<String, String> settings = new HashMap<>();
        settings.put("log_bin", "ON");
        settings.put("binlog_format", "ROW");
        settings.put("binlog_row_image", "FULL");
        settings.put("binlog_expire_logs_seconds", "0");
        return settings;
    }

    private static List<String> checks(Map<String, String> global, Map<String, String> session) {
        return Prerequisites.evaluate(global, session, PRIVILEGES, Duration.ofDays(1)).stream()
                .map(PrerequisiteProblem::check)
                .toList();
    }

    @Test
    void acceptsAServerWithRowLoggingAndReplicationPrivileges() {
        assertThat(checks(good(), good())).isEmpty();
    }

    @Test
    void refusesABinaryLogThatIsOff() {
        Map<String, String> global = good();
        global.put("log_bin", "OFF");
        assertThat(Prerequisites.evaluate(global, good(), PRIVILEGES, Duration.ZERO))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.check()).isEqualTo("log_bin");
                    assertThat(p.fix()).contains("log-bin");
                });
    }

    @Test
    void refusesPartialJsonUpdatesInEitherScope() {
        Map<String, String> global = good();
        Map<String, String> session = good();
        session.put("binlog_row_value_options", "PARTIAL_JSON");
        assertThat(checks(global, session)).containsExactly("binlog_row_value_options.session");
        global.put("binlog_row_value_options", "PARTIAL_JSON");
        assertThat(checks(global, session))
                .containsExactly("binlog_row_value_options.global", "binlog_row_value_options.session");
    }

    @Test
    void refusesCompressedBinaryLogs() {
        Map<String, String> global = good();
        global.put("binlog_transaction_compression", "ON");
        global.put("log_bin_compress", "ON");
        assertThat(checks(global, good())).containsExactly("binlog_transaction_compression", "log_bin_compress");
    }

    @Test
    void readsRetentionFromSecondsOrDays() {
        Map<String, String> global = good();
        global.put("expire_logs_days", "0.500000");
        assertThat(Prerequisites.retention(global)).isEqualTo(Duration.ofHours(12));
        assertThat(checks(global, good())).containsExactly("binlog_retention");
        global.put("binlog_expire_logs_seconds", "172800");
        assertThat(Prerequisites.retention(global)).isEqualTo(Duration.ofDays(2));
        assertThat(checks(global, good())).isEmpty();
    }

    @Test
    void acceptsSuperInsteadOfTheReplicationPrivileges() {
        assertThat(Prerequisites.evaluate(good(), good(), Set.of("SUPER"), Duration.ZERO))
                .isEmpty();
        assertThat(Prerequisites.evaluate(good(), good(), Set.of("REPLICATION CLIENT"), Duration.ZERO))
                .extracting(PrerequisiteProblem::check)
                .containsExactly("privilege.replication_slave");
    }
}
