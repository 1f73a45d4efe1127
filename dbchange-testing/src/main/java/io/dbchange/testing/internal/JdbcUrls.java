package io.dbchange.testing.internal;

/** Rewrites the database part of MySQL and PostgreSQL JDBC URLs, keeping hosts and query parameters. */
public final class JdbcUrls {

    private JdbcUrls() {}

    /**
     * The URL with its database replaced, e.g. {@code jdbc:mysql://h:3306/?useSSL=false} and {@code t_1} give
     * {@code jdbc:mysql://h:3306/t_1?useSSL=false}. An empty {@code database} selects none (MySQL server URL).
     */
    public static String withDatabase(String jdbcUrl, String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String parameters = query < 0 ? "" : jdbcUrl.substring(query);
        int hosts = base.indexOf("//");
        if (hosts < 0) {
            // Short PostgreSQL form jdbc:postgresql:database (local host, default port).
            int colon = base.indexOf(':', "jdbc:".length());
            return base.substring(0, colon + 1) + (database.isEmpty() ? "/" : database) + parameters;
        }
        int path = base.indexOf('/', hosts + 2);
        String authority = path < 0 ? base : base.substring(0, path);
        return authority + "/" + database + parameters;
    }
}
