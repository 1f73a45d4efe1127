package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
import static io.dbchange.core.review.internal.rules.RuleSupport.addedConstraints;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ConstraintDefinition;
import io.dbchange.core.review.statement.ConstraintDefinition.ConstraintType;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code index.type-no-blob}: forbid indexes on BLOB/TEXT columns. */
public final class IndexTypeNoBlob implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR =
            new RuleDescriptor("index.type-no-blob", Set.of(), MYSQL, List.of(), "forbid indexes on BLOB/TEXT columns");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        java.util.List<java.util.List<String>> keys = new java.util.ArrayList<>();
        java.util.List<io.dbchange.api.sql.SourcePosition> at = new java.util.ArrayList<>();
        for (ConstraintDefinition k : addedConstraints(s)) {
            if (k.type() != ConstraintType.FOREIGN_KEY
                    && k.type() != ConstraintType.FULLTEXT
                    && k.type() != ConstraintType.CHECK) {
                keys.add(k.columns());
                at.add(k.position());
            }
        }
        s.index()
                .filter(i -> !i.method().map("FULLTEXT"::equalsIgnoreCase).orElse(false))
                .ifPresent(i -> {
                    keys.add(i.columns());
                    at.add(i.position());
                });
        for (int i = 0; i < keys.size(); i++) {
            for (String column : keys.get(i)) {
                int where = i;
                Keys.typeOf(c, column)
                        .filter(RuleSupport::isBlob)
                        .ifPresent(t -> f.accept(c.finding(
                                "column " + q(column) + " of " + q(table(s)) + " is " + t
                                        + " and is indexed; index a prefix or a hash column",
                                at.get(where))));
            }
        }
    }
}
