package io.dbchange.core.drift;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a connection to one database for a drift check or a baseline; the detector closes it afterwards. Usually a
 * host's pool or data source: {@code pool::getConnection}, {@code dataSource::getConnection}.
 */
@FunctionalInterface
public interface ConnectionSource {

    /** A new (or pooled) connection to the database, with the database selected. */
    Connection open() throws SQLException;
}
