package io.dbchange.api.sql;

/** The SQL dialect of a script. MariaDB is served by {@link #MYSQL}; product differences are in the server info. */
public enum Dialect {
    /** MySQL and MariaDB. */
    MYSQL,
    /** PostgreSQL. */
    POSTGRESQL
}
