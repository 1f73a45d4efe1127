package io.dbchange.testing.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A parameter of type {@link io.dbchange.testing.TestDatabase}, {@link javax.sql.DataSource} or
 * {@link io.dbchange.api.engine.ConnectionSettings} that receives a fresh database on this JVM's MySQL-family
 * server ({@link io.dbchange.testing.TestServers#mysql()}). Needs {@link DbChangeTest} on the class.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface MySqlDatabase {}
