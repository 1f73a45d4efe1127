package io.dbchange.api.engine;

/** The server product behind a connection, as the probe found it. */
public enum Product {
    MYSQL,
    MARIADB,
    POSTGRESQL
}
