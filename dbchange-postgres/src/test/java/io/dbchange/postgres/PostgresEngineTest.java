package io.dbchange.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.CoreErrorCode;
import io.dbchange.api.DbChangeException;
import io.dbchange.api.engine.ConnectionSettings;
import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SqlStatement;
import io.dbchange.core.engine.DatabaseEngines;
import org.junit.jupiter.api.Test;

class PostgresEngineTest {

    private final PostgresEngine engine = new PostgresEngine();

    @Test
    void servesPostgresqlUrlsOnly() {
        assertThat(engine.acceptsUrl("jdbc:postgresql://db:5432/app")).isTrue();
        assertThat(engine.acceptsUrl("jdbc:postgresql:app")).isTrue();
        assertThat(engine.acceptsUrl("jdbc:mysql://db/app")).isFalse();
        assertThat(engine.acceptsUrl("jdbc:pgsql://db/app")).isFalse();
    }

    @Test
    void isTheEngineForItsUrlsAndNameOnTheClassPath() {
        assertThat(engine.name()).isEqualTo("postgresql");
        assertThat(engine.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(DatabaseEngines.forUrl("jdbc:postgresql://db/app")).isInstanceOf(PostgresEngine.class);
        assertThat(DatabaseEngines.forName("postgresql")).isInstanceOf(PostgresEngine.class);
    }

    @Test
    void namesTheEnginesFoundForAnUnknownUrl() {
        assertThatThrownBy(() -> DatabaseEngines.forUrl("jdbc:sqlserver://db;password=s3cret"))
                .isInstanceOf(DbChangeException.class)
                .hasMessageContaining("postgresql (jdbc:postgresql:)")
                .hasMessageNotContaining("s3cret")
                .extracting(e -> ((DbChangeException) e).code())
                .isEqualTo(CoreErrorCode.UNKNOWN_ENGINE);
    }

    @Test
    void refusesToOpenAPoolForAnotherEnginesUrl() {
        assertThatThrownBy(() -> engine.openPool(ConnectionSettings.of("jdbc:mysql://db/app", "u", "p")))
                .isInstanceOf(DbChangeException.class)
                .extracting(e -> ((DbChangeException) e).code())
                .isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void splitsWithThePostgresSplitter() {
        assertThat(engine.split("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\nSELECT f();"))
                .extracting(SqlStatement::sql)
                .containsExactly("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql", "SELECT f()");
        assertThatThrownBy(() -> engine.split("SELECT $$ unterminated"))
                .isInstanceOf(DbChangeException.class)
                .extracting(e -> ((DbChangeException) e).code())
                .isEqualTo(CoreErrorCode.SCRIPT_INVALID);
    }
}
