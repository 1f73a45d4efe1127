package io.dbchange.testing;

/** The family of database server a test runs against. */
public enum TestServerKind {
    /** The MySQL family: embedded MariaDB, or an external MySQL, MariaDB or Aurora MySQL server. */
    MYSQL,
    /** PostgreSQL: embedded, or an external server. */
    POSTGRESQL
}
