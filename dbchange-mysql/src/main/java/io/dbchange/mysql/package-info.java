/**
 * The MySQL and MariaDB engine: {@link io.dbchange.mysql.MySqlEngine}, registered for
 * {@link java.util.ServiceLoader}. Implementation details are in {@code io.dbchange.mysql.internal}.
 */
package io.dbchange.mysql;
