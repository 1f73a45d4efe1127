package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.POSTGRES;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ObjectName;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code naming.fully-qualified}: objects must be referenced with their schema. */
public final class NamingFullyQualified implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "naming.fully-qualified", Set.of(), POSTGRES, List.of(), "objects must be referenced with their schema");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        switch (s.kind()) {
            case CREATE_SCHEMA,
                    DROP_SCHEMA,
                    CREATE_DATABASE,
                    DROP_DATABASE,
                    CREATE_EXTENSION,
                    SET,
                    USE,
                    BEGIN,
                    COMMIT,
                    ROLLBACK,
                    OTHER,
                    UNRECOGNIZED -> {
                return;
            }
            default -> {
                // every other statement names its objects
            }
        }
        java.util.List<ObjectName> names = new java.util.ArrayList<>();
        s.target().ifPresent(names::add);
        names.addAll(s.otherTargets());
        for (ObjectName n : names) {
            if (n.schema().isEmpty()) {
                f.accept(c.finding(
                        q(n.name()) + " is not schema-qualified in " + q(s.shortText()) + "; write it as schema."
                                + n.name(),
                        n.position()));
            }
        }
    }
}
