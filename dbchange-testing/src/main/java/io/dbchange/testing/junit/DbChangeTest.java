package io.dbchange.testing.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class whose test and lifecycle methods receive fresh databases through parameters annotated with
 * {@link MySqlDatabase} or {@link PostgresDatabase}.
 *
 * <pre>{@code
 * @DbChangeTest
 * class OrdersIT {
 *     @Test
 *     void createsTable(@MySqlDatabase TestDatabase db) throws SQLException {
 *         try (Connection c = db.openConnection()) { ... }
 *     }
 * }
 * }</pre>
 *
 * @see DatabaseExtension for which database each parameter receives and when it is dropped
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(DatabaseExtension.class)
public @interface DbChangeTest {}
