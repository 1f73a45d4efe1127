package io.dbchange.mysql.internal;

import io.dbchange.api.engine.Product;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The global privileges in the output of {@code SHOW GRANTS}: the privileges of every {@code GRANT ... ON *.* TO}
 * line, upper case, with synonyms reduced to one name and {@code ALL PRIVILEGES} expanded to what it includes on the
 * product, so that a capability can ask for {@code REPLICATION SLAVE} whatever way it was granted. Grants on single
 * databases or tables and role grants are not global privileges and are ignored.
 */
public final class MySqlGrants {

    /** What {@code ALL PRIVILEGES ON *.*} includes in MySQL 8 (static privileges; not {@code GRANT OPTION}). */
    private static final Set<String> MYSQL_ALL = Set.of(
            "SELECT",
            "INSERT",
            "UPDATE",
            "DELETE",
            "CREATE",
            "DROP",
            "RELOAD",
            "SHUTDOWN",
            "PROCESS",
            "FILE",
            "REFERENCES",
            "INDEX",
            "ALTER",
            "SHOW DATABASES",
            "SUPER",
            "CREATE TEMPORARY TABLES",
            "LOCK TABLES",
            "EXECUTE",
            "REPLICATION SLAVE",
            "REPLICATION CLIENT",
            "CREATE VIEW",
            "SHOW VIEW",
            "CREATE ROUTINE",
            "ALTER ROUTINE",
            "CREATE USER",
            "EVENT",
            "TRIGGER",
            "CREATE TABLESPACE",
            "CREATE ROLE",
            "DROP ROLE");

    /** What {@code ALL PRIVILEGES ON *.*} includes in MariaDB 10.5 and later (not {@code GRANT OPTION}). */
    private static final Set<String> MARIADB_ALL = Set.of(
            "SELECT",
            "INSERT",
            "UPDATE",
            "DELETE",
            "CREATE",
            "DROP",
            "RELOAD",
            "SHUTDOWN",
            "PROCESS",
            "FILE",
            "REFERENCES",
            "INDEX",
            "ALTER",
            "SHOW DATABASES",
            "SUPER",
            "CREATE TEMPORARY TABLES",
            "LOCK TABLES",
            "EXECUTE",
            "REPLICATION SLAVE",
            "BINLOG MONITOR",
            "REPLICATION CLIENT",
            "CREATE VIEW",
            "SHOW VIEW",
            "CREATE ROUTINE",
            "ALTER ROUTINE",
            "CREATE USER",
            "EVENT",
            "TRIGGER",
            "CREATE TABLESPACE",
            "DELETE HISTORY",
            "SET USER",
            "FEDERATED ADMIN",
            "CONNECTION ADMIN",
            "READ_ONLY ADMIN",
            "REPLICATION SLAVE ADMIN",
            "REPLICATION MASTER ADMIN",
            "BINLOG ADMIN",
            "BINLOG REPLAY",
            "SLAVE MONITOR");

    private MySqlGrants() {}

    /** The global privileges granted by the given {@code SHOW GRANTS} lines. */
    public static Set<String> globalPrivileges(List<String> grantLines, Product product) {
        var privileges = new TreeSet<String>();
        for (String line : grantLines) {
            String upper = line.strip().toUpperCase(Locale.ROOT);
            if (!upper.startsWith("GRANT ")) {
                continue;
            }
            int on = upper.indexOf(" ON ");
            if (on < 0) {
                continue; // a role grant: GRANT `role` TO `user`
            }
            String target = upper.substring(on + 4).strip();
            if (!target.startsWith("*.*")) {
                continue;
            }
            for (String privilege : upper.substring("GRANT ".length(), on).split(",")) {
                add(privileges, privilege.strip().replaceAll("\\s+", " "), product);
            }
            if (target.contains(" WITH GRANT OPTION")) {
                privileges.add("GRANT OPTION");
            }
        }
        if (product == Product.MARIADB
                && (privileges.contains("BINLOG MONITOR") || privileges.contains("REPLICATION CLIENT"))) {
            // MariaDB 10.5 renamed REPLICATION CLIENT to BINLOG MONITOR and kept the old name as a synonym.
            privileges.add("BINLOG MONITOR");
            privileges.add("REPLICATION CLIENT");
        }
        return privileges;
    }

    private static void add(Set<String> privileges, String privilege, Product product) {
        switch (privilege) {
            case "ALL", "ALL PRIVILEGES" -> {
                privileges.add("ALL PRIVILEGES");
                privileges.addAll(product == Product.MARIADB ? MARIADB_ALL : MYSQL_ALL);
            }
            // REPLICA is the newer synonym in both products.
            case "REPLICATION REPLICA" -> privileges.add("REPLICATION SLAVE");
            case "USAGE", "" -> {
                // USAGE means "no privileges".
            }
            default -> privileges.add(privilege);
        }
    }
}
