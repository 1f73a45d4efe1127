package io.dbchange.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SqlStatement;
import io.dbchange.core.engine.DatabaseEngines;
import io.dbchange.mysql.internal.MySqlUrls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MySqlEngineTest {

    private final MySqlEngine engine = new MySqlEngine();

    @ParameterizedTest(name = "{0} accepted: {1}")
    @CsvSource({
        "jdbc:mysql://db:3306/app, true",
        "jdbc:mariadb://db:3306/app, true",
        "JDBC:MySQL://db/app, true",
        "jdbc:postgresql://db/app, false",
        "jdbc:mysqlx://db/app, false"
    })
    void servesMySqlAndMariaDbUrls(String url, boolean accepted) {
        assertThat(engine.acceptsUrl(url)).isEqualTo(accepted);
    }

    @Test
    void rewritesMariaDbUrlsForConnectorJ() {
        assertThat(MySqlUrls.driverUrl("jdbc:mariadb://db:3306/app?useSSL=false"))
                .isEqualTo("jdbc:mysql://db:3306/app?useSSL=false");
        assertThat(MySqlUrls.driverUrl("jdbc:mysql://db/app")).isEqualTo("jdbc:mysql://db/app");
    }

    @Test
    void isTheEngineForItsUrlsAndNameOnTheClassPath() {
        assertThat(engine.name()).isEqualTo("mysql");
        assertThat(engine.dialect()).isEqualTo(Dialect.MYSQL);
        assertThat(DatabaseEngines.forUrl("jdbc:mariadb://db/app")).isInstanceOf(MySqlEngine.class);
        assertThat(DatabaseEngines.forName("MySQL")).isInstanceOf(MySqlEngine.class);
    }

    @Test
    void namesTheEnginesFoundAndTheirUrlPrefixesForAnUnknownUrl() {
        assertThatThrownBy(() -> DatabaseEngines.forUrl("jdbc:oracle:thin:@db:1521/app?password=s3cret"))
                .isInstanceOf(DbChangeException.class)
                .hasMessageContaining("jdbc:oracle:thin:@db:1521/app?password=***")
                .hasMessageContaining("mysql (jdbc:mysql:, jdbc:mariadb:)")
                .hasMessageNotContaining("s3cret")
                .extracting(e -> ((DbChangeException) e).code())
                .isEqualTo(CoreErrorCode.UNKNOWN_ENGINE);
        assertThatThrownBy(() -> DatabaseEngines.forName("oracle"))
                .hasMessageContaining("no database engine is named 'oracle'")
                .hasMessageContaining("mysql (jdbc:mysql:, jdbc:mariadb:)");
    }

    @Test
    void refusesToOpenAPoolForAnotherEnginesUrl() {
        assertThatThrownBy(() -> engine.openPool(ConnectionSettings.of("jdbc:postgresql://db/app", "u", "p")))
                .isInstanceOf(DbChangeException.class)
                .hasMessageContaining("jdbc:mysql: or jdbc:mariadb:")
                .extracting(e -> ((DbChangeException) e).code())
                .isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void splitsWithTheMySqlSplitter() {
        assertThat(engine.split("CREATE TABLE t (c VARCHAR(9) DEFAULT 'a;b');\n# note\nDROP TABLE t;"))
                .extracting(SqlStatement::sql)
                .containsExactly("CREATE TABLE t (c VARCHAR(9) DEFAULT 'a;b')", "DROP TABLE t");
        assertThatThrownBy(() -> engine.split("SELECT 'unterminated"))
                .isInstanceOf(DbChangeException.class)
                .extracting(e -> ((DbChangeException) e).code())
                .isEqualTo(CoreErrorCode.SCRIPT_INVALID);
    }
}
