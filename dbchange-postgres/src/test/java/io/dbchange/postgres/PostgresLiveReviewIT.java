package io.dbchange.postgres;

import io.dbchange.api.sql.Dialect;
import io.dbchange.core.review.LiveReviewContract;
import io.dbchange.testing.TestDatabase;
import io.dbchange.testing.junit.DbChangeTest;
import io.dbchange.testing.junit.PostgresDatabase;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;

/** The live-database review rules on the embedded PostgreSQL. */
@DbChangeTest
class PostgresLiveReviewIT extends LiveReviewContract {

    @BeforeEach
    void useFreshDatabase(@PostgresDatabase TestDatabase fresh) throws SQLException {
        use(fresh);
    }

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    protected String analyze() {
        return "ANALYZE book";
    }
}
