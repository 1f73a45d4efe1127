package io.dbchange.api.schema;

import io.dbchange.api.internal.Checks;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One part of an index or primary key: exactly one of a column or an expression, with its sort order and, for a
 * column, an optional prefix length (MySQL/MariaDB {@code name(10)}).
 *
 * @param column the column's name, if the part is a column
 * @param expression the expression as normalized text, if the part is an expression
 * @param order the sort order
 * @param prefixLength how many leading characters (or bytes) of the column are indexed, at least 1; only for a
 *     column
 */
public record KeyPart(Optional<String> column, Optional<String> expression, Order order, OptionalInt prefixLength) {

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

    /** This part with another sort order. */
    public KeyPart withOrder(Order newOrder) {
        return new KeyPart(column, expression, newOrder, prefixLength);
    }

    /** This column part indexing only the first {@code length} characters. */
    public KeyPart withPrefixLength(int length) {
        return new KeyPart(column, expression, order, OptionalInt.of(length));
    }

    /** Sort order of a key part. */
    public enum Order {
        /** Ascending. */
        ASC,
        /** Descending. */
        DESC
    }
}
