package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.POSTGRES;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code statement.create-specify-schema}: CREATE must name the schema of the object. */
public final class CreateSpecifySchema implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "statement.create-specify-schema",
            Set.of(),
            POSTGRES,
            List.of(),
            "CREATE must name the schema of the object");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.kind().name().startsWith("CREATE_")
                && s.kind() != StatementKind.CREATE_SCHEMA
                && s.kind() != StatementKind.CREATE_DATABASE
                && s.kind() != StatementKind.CREATE_EXTENSION
                && s.target().isPresent()
                && s.target().get().schema().isEmpty()) {
            f.accept(c.finding(
                    q(s.shortText()) + " does not name the schema of "
                            + q(s.target().get().name()) + "; qualify it, e.g. public."
                            + s.target().get().name(),
                    s.target().get().position()));
        }
    }
}
