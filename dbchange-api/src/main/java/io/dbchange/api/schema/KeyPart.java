package io.dbchange.api.schema;

import io.dbchange.api.internal.Checks;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One part of an index or primary key: exactly one of a column or an expression, with its sort order and, for a
 * column, an optional prefix length (MySQL/MariaDB {@code name(10)}); in PostgreSQL also an operator class and a
 * {@code NULLS FIRST/LAST} placement when they differ from the defaults.
 *
 * @param column the column's name, if the part is a column
 * @param expression the expression as normalized text, if the part is an expression
 * @param order the sort order
 * @param prefixLength how many leading characters (or bytes) of the column are indexed, at least 1; only for a
 *     column
 * @param operatorClass the operator class as SQL text (PostgreSQL {@code text_pattern_ops}, schema-qualified
 *     unless it is in {@code pg_catalog}), only when it is not the default class; not blank
 * @param nulls where nulls sort, only when that differs from the server's default for {@code order}
 *     (PostgreSQL: {@code NULLS LAST} for {@code ASC}, {@code NULLS FIRST} for {@code DESC}); readers normalize a
 *     default placement to empty
 */
public record KeyPart(
        Optional<String> column,
        Optional<String> expression,
        Order order,
        OptionalInt prefixLength,
        Optional<String> operatorClass,
        Optional<NullsOrder> nulls) {

    public KeyPart {
        Checks.notNull("column", column);
        column.ifPresent(c -> Checks.notEmpty("column", c));
        Checks.notBlank("expression", expression);
        if (column.isPresent() == expression.isPresent()) {
            throw new IllegalArgumentException("a key part is exactly one of a column or an expression, but had column "
                    + column + " and expression " + expression);
        }
        Checks.notNull("order", order);
        Checks.notNull("prefixLength", prefixLength);
        if (prefixLength.isPresent()) {
            if (expression.isPresent()) {
                throw new IllegalArgumentException(
                        "'prefixLength' applies to a column, not to expression " + expression.get());
            }
            Checks.positive("prefixLength", prefixLength.getAsInt());
        }
        Checks.notBlank("operatorClass", operatorClass);
        Checks.notNull("nulls", nulls);
    }

    /** A part with the default operator class and null placement. */
    public KeyPart(Optional<String> column, Optional<String> expression, Order order, OptionalInt prefixLength) {
        this(column, expression, order, prefixLength, Optional.empty(), Optional.empty());
    }

    /** An ascending part on the whole of a column. */
    public static KeyPart column(String column) {
        return new KeyPart(
                Optional.of(Checks.notNull("column", column)), Optional.empty(), Order.ASC, OptionalInt.empty());
    }

    /** An ascending part on an expression. */
    public static KeyPart expression(String expression) {
        return new KeyPart(
                Optional.empty(),
                Optional.of(Checks.notNull("expression", expression)),
                Order.ASC,
                OptionalInt.empty());
    }

    /** This part with another sort order; its null placement is kept as it is. */
    public KeyPart withOrder(Order newOrder) {
        return new KeyPart(column, expression, newOrder, prefixLength, operatorClass, nulls);
    }

    /** This column part indexing only the first {@code length} characters. */
    public KeyPart withPrefixLength(int length) {
        return new KeyPart(column, expression, order, OptionalInt.of(length), operatorClass, nulls);
    }

    /** This part with a (non-default) operator class, e.g. {@code text_pattern_ops}. */
    public KeyPart withOperatorClass(String newOperatorClass) {
        return new KeyPart(
                column,
                expression,
                order,
                prefixLength,
                Optional.of(Checks.notNull("operatorClass", newOperatorClass)),
                nulls);
    }

    /** This part with an explicit null placement. */
    public KeyPart withNulls(NullsOrder newNulls) {
        return new KeyPart(
                column, expression, order, prefixLength, operatorClass, Optional.of(Checks.notNull("nulls", newNulls)));
    }

    /** Sort order of a key part. */
    public enum Order {
        /** Ascending. */
        ASC,
        /** Descending. */
        DESC
    }

    /** Where nulls sort in a key part ({@code NULLS FIRST}, {@code NULLS LAST}). */
    public enum NullsOrder {
        /** Before every non-null value. */
        FIRST,
        /** After every non-null value. */
        LAST
    }
}
