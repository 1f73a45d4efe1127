package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.PayloadField;
import io.dbchange.core.review.PayloadType;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ObjectName;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code table.drop-naming-convention}: only tables whose name matches a pattern may be dropped. */
public final class TableDropNamingConvention implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "table.drop-naming-convention",
            Set.of(),
            BOTH,
            List.of(new PayloadField("format", PayloadType.REGEX, "_del$")),
            "only tables whose name matches a pattern may be dropped");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.kind() == StatementKind.DROP_TABLE) {
            java.util.regex.Pattern format = c.payload().regex("format");
            java.util.List<ObjectName> names = new java.util.ArrayList<>();
            s.target().ifPresent(names::add);
            names.addAll(s.otherTargets());
            for (ObjectName n : names) {
                if (!format.matcher(n.name()).find()) {
                    f.accept(c.finding(
                            "table " + q(n.qualified()) + " is dropped but its name does not match "
                                    + q(format.pattern()) + "; rename it first (e.g. " + n.name()
                                    + "_del) and drop it later",
                            n.position()));
                }
            }
        }
    }
}
