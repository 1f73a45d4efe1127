package io.dbchange.mysql.rollback.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbchange.api.DbChangeException;
import io.dbchange.api.schema.Column;
import io.dbchange.mysql.rollback.RollbackErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColumnShapeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "tinyint unsigned|INTEGER|true|8|0",
                "mediumint|INTEGER|false|24|0",
                "bigint unsigned|INTEGER|true|64|0",
                "decimal(65,30)|DECIMAL|false|0|0",
                "float|FLOAT|false|0|0",
                "double|DOUBLE|false|0|0",
                "bit(13)|BIT|false|13|0",
                "binary(4)|BYTES|false|0|4",
                "varchar(20)|BYTES|false|0|0",
                "datetime(6)|TEMPORAL|false|0|0",
                "year|YEAR|false|0|0",
                "json|JSON|false|0|0"
            })
    void readsKindWidthAndSignFromTheTypeText(String type, ColumnShape.Kind kind, boolean unsigned, int bits, int pad) {
        ColumnShape shape = ColumnShape.of("t", Column.of("c", type, true));
        assertThat(shape.kind()).isEqualTo(kind);
        assertThat(shape.unsigned()).isEqualTo(unsigned);
        assertThat(shape.bits()).isEqualTo(bits);
        assertThat(shape.padLength()).isEqualTo(pad);
    }

    @Test
    void readsLabelsWithQuotesAndCommas() {
        assertThat(ColumnShape.labels("enum('a','b,c','it''s','')")).containsExactly("a", "b,c", "it's", "");
        assertThat(ColumnShape.of("t", Column.of("s", "set('x','y')", true)).labels())
                .containsExactly("x", "y");
    }

    @Test
    void refusesTypesItCannotRenderExactly() {
        assertThatThrownBy(() -> ColumnShape.of("t", Column.of("g", "geometry", true)))
                .isInstanceOfSatisfying(
                        DbChangeException.class,
                        e -> assertThat(e.code()).isEqualTo(RollbackErrorCode.ROLLBACK_UNSUPPORTED))
                .hasMessageContaining("`t`.`g`");
    }
}
