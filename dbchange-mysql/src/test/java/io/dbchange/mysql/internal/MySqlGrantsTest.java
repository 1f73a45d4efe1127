package io.dbchange.mysql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.engine.Product;
import java.util.List;
import org.junit.jupiter.api.Test;

class MySqlGrantsTest {

    @Test
    void expandsAllPrivilegesOnMariaDbToWhatItIncludes() {
        var privileges = MySqlGrants.globalPrivileges(
                List.of(
                        "GRANT ALL PRIVILEGES ON *.* TO `dbchange`@`%` IDENTIFIED BY PASSWORD '*ABC' WITH GRANT OPTION"),
                Product.MARIADB);

        assertThat(privileges)
                .contains(
                        "ALL PRIVILEGES",
                        "SUPER",
                        "REPLICATION SLAVE",
                        "REPLICATION CLIENT",
                        "BINLOG MONITOR",
                        "SLAVE MONITOR",
                        "GRANT OPTION");
    }

    @Test
    void expandsAllPrivilegesOnMySqlWithoutMariaDbOnlyPrivileges() {
        var privileges = MySqlGrants.globalPrivileges(List.of("GRANT ALL ON *.* TO 'u'@'%'"), Product.MYSQL);

        assertThat(privileges).contains("ALL PRIVILEGES", "SUPER", "REPLICATION SLAVE", "REPLICATION CLIENT");
        assertThat(privileges).doesNotContain("BINLOG MONITOR", "GRANT OPTION");
    }

    @Test
    void readsListedAndDynamicGlobalPrivilegesAndIgnoresDatabaseGrantsAndRoles() {
        var privileges = MySqlGrants.globalPrivileges(
                List.of(
                        "GRANT SELECT, RELOAD, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `cdc`@`%`",
                        "GRANT BINLOG_ADMIN,REPLICATION_SLAVE_ADMIN ON *.* TO `cdc`@`%`",
                        "GRANT ALL PRIVILEGES ON `app`.* TO `cdc`@`%`",
                        "GRANT INSERT (a, b) ON `app`.`t` TO `cdc`@`%`",
                        "GRANT `reader`@`%` TO `cdc`@`%`",
                        "GRANT PROXY ON ''@'' TO 'cdc'@'%' WITH GRANT OPTION"),
                Product.MYSQL);

        assertThat(privileges)
                .containsExactlyInAnyOrder(
                        "SELECT",
                        "RELOAD",
                        "REPLICATION SLAVE",
                        "REPLICATION CLIENT",
                        "BINLOG_ADMIN",
                        "REPLICATION_SLAVE_ADMIN");
    }

    @Test
    void reducesSynonymsToOneName() {
        assertThat(MySqlGrants.globalPrivileges(
                        List.of("GRANT REPLICATION REPLICA, BINLOG MONITOR ON *.* TO `u`@`%`"), Product.MARIADB))
                .containsExactlyInAnyOrder("REPLICATION SLAVE", "BINLOG MONITOR", "REPLICATION CLIENT");
    }

    @Test
    void readsNoPrivilegeFromUsage() {
        assertThat(MySqlGrants.globalPrivileges(List.of("GRANT USAGE ON *.* TO `u`@`%`"), Product.MYSQL))
                .isEmpty();
    }
}
