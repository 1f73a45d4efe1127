package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.PayloadField;
import io.dbchange.core.review.PayloadType;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ConstraintDefinition.ConstraintType;
import io.dbchange.core.review.statement.ParsedStatement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code naming.index.uk}: unique names follow a template. */
public final class NamingIndexUk implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "naming.index.uk",
            Set.of(),
            BOTH,
            List.of(
                    new PayloadField("format", PayloadType.TEMPLATE, "^uk_{{table}}_{{column_list}}$"),
                    new PayloadField("maxLength", PayloadType.NUMBER, 64L)),
            "unique names follow a template");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        Naming.checkKeys(c, f, ConstraintType.UNIQUE);
    }
}
