package io.dbchange.core.review.statement;

import io.dbchange.api.sql.SourcePosition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The clauses of a DML statement that rules ask about. For a statement that is not DML every flag is {@code false}.
 *
 * @param where the position of the top-level {@code WHERE}, if present
 * @param limit the position of a top-level {@code LIMIT}, if present
 * @param orderBy the position of a top-level {@code ORDER BY}, if present
 * @param selectAll the position of a {@code *} select item ({@code SELECT *} or {@code t.*}) anywhere in the
 *     statement, if present
 * @param insertColumns the column list of an {@code INSERT}, if written
 * @param insertRows the number of {@code VALUES} rows of an {@code INSERT} (0 for {@code INSERT ... SELECT})
 * @param insertSelect whether an {@code INSERT} takes its rows from a query
 * @param orderByRand whether an {@code ORDER BY RAND()}/{@code random()} appears
 * @param leadingWildcardLike the position of a {@code LIKE '%...'} pattern, if present
 */
public record DmlClauses(
        Optional<SourcePosition> where,
        Optional<SourcePosition> limit,
        Optional<SourcePosition> orderBy,
        Optional<SourcePosition> selectAll,
        Optional<List<String>> insertColumns,
        int insertRows,
        boolean insertSelect,
        boolean orderByRand,
        Optional<SourcePosition> leadingWildcardLike) {

    /** No clauses: the value for statements that are not DML. */
    public static final DmlClauses NONE = new DmlClauses(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            0,
            false,
            false,
            Optional.empty());

    public DmlClauses {
        Objects.requireNonNull(where, "'where' must not be null");
        Objects.requireNonNull(limit, "'limit' must not be null");
        Objects.requireNonNull(orderBy, "'orderBy' must not be null");
        Objects.requireNonNull(selectAll, "'selectAll' must not be null");
        insertColumns = insertColumns.map(List::copyOf);
        Objects.requireNonNull(leadingWildcardLike, "'leadingWildcardLike' must not be null");
    }
}
