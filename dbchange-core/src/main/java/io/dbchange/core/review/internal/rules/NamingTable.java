package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.PayloadField;
import io.dbchange.core.review.PayloadType;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.AlterAction;
import io.dbchange.core.review.statement.ObjectName;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code naming.table}: table names match a pattern and a length. */
public final class NamingTable implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "naming.table",
            Set.of(),
            BOTH,
            List.of(
                    new PayloadField("format", PayloadType.REGEX, "^[a-z]+(_[a-z]+)*$"),
                    new PayloadField("maxLength", PayloadType.NUMBER, 64L)),
            "table names match a pattern and a length");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        java.util.List<ObjectName> names = new java.util.ArrayList<>();
        if (s.kind() == StatementKind.CREATE_TABLE) {
            s.target().ifPresent(names::add);
        }
        if (s.kind() == StatementKind.RENAME_TABLE) {
            names.addAll(s.otherTargets());
        }
        for (AlterAction a : s.actions()) {
            if (a.type() == AlterAction.Type.RENAME_TABLE) {
                a.newName().ifPresent(n -> names.add(new ObjectName(java.util.Optional.empty(), n, a.position())));
            }
        }
        for (ObjectName n : names) {
            Naming.check(c, f, "table", n.name(), n.position());
        }
    }
}
