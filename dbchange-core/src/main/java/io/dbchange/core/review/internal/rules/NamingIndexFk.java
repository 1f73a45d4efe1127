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

/** Rule {@code naming.index.fk}: foreign key names follow a template. */
public final class NamingIndexFk implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "naming.index.fk",
            Set.of(),
            BOTH,
            List.of(
                    new PayloadField(
                            "format",
                            PayloadType.TEMPLATE,
                            "^fk_{{referencing_table}}_{{referencing_column}}_{{referenced_table}}_{{referenced_column}}$"),
                    new PayloadField("maxLength", PayloadType.NUMBER, 64L)),
            "foreign key names follow a template");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        Naming.checkKeys(c, f, ConstraintType.FOREIGN_KEY);
    }
}
