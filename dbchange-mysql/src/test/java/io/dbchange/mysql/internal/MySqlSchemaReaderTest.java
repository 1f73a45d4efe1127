package io.dbchange.mysql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MySqlSchemaReaderTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "int(11)|int",
                "INT(10) UNSIGNED|int unsigned",
                "bigint(20) unsigned zerofill|bigint unsigned zerofill",
                "tinyint(1)|tinyint",
                "year(4)|year",
                "varchar(255)|varchar(255)",
                "decimal(10,2)|decimal(10,2)",
                "enum('Sad','OK')|enum('Sad','OK')",
                "SET('A','b')|set('A','b')"
            })
    void dropsIntegerDisplayWidthsAndLowerCasesKeywordsButNotLabels(String reported, String normalized) {
        assertThat(MySqlSchemaReader.normalizeType(reported)).isEqualTo(normalized);
    }

    @ParameterizedTest(name = "[{0}] mariadb={1} expression={2} {3} -> [{4}]")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            nullValues = "<none>",
            value = {
                "current_timestamp()|true|false|timestamp|CURRENT_TIMESTAMP",
                "CURRENT_TIMESTAMP|false|true|timestamp|CURRENT_TIMESTAMP",
                "current_timestamp(3)|true|false|datetime(3)|CURRENT_TIMESTAMP(3)",
                "now()|true|false|datetime|CURRENT_TIMESTAMP",
                "NULL|true|false|varchar(5)|<none>",
                "<none>|false|false|varchar(5)|<none>",
                "'x'|true|false|varchar(5)|'x'",
                "x|false|false|varchar(5)|'x'",
                "it's|false|false|varchar(5)|'it''s'",
                "7|false|false|int|7",
                "1.50|false|false|decimal(5,2)|1.50",
                "curdate()|false|true|date|curdate()",
                "curdate()|true|false|date|curdate()"
            })
    void spellsDefaultsTheWayMariaDbReportsThem(
            String reported, boolean mariaDb, boolean expression, String type, String normalized) {
        assertThat(MySqlSchemaReader.normalizeDefault(reported, mariaDb, expression, type))
                .isEqualTo(Optional.ofNullable(normalized));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"utf8mb4_general_ci, utf8mb4", "latin1_swedish_ci, latin1", "binary, binary", "ascii_bin, ascii"})
    void derivesTheCharacterSetFromTheCollation(String collation, String charset) {
        assertThat(MySqlSchemaReader.charsetOf(collation)).isEqualTo(charset);
    }
}
