package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.POSTGRES;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Rule {@code statement.check-set-role-variable}: the script must begin with SET ROLE. */
public final class CheckSetRoleVariable implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "statement.check-set-role-variable", Set.of(), POSTGRES, List.of(), "the script must begin with SET ROLE");

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (c.previous().isEmpty()
                && !(s.kind() == StatementKind.SET
                        && s.setting().filter("role"::equals).isPresent())) {
            f.accept(c.finding(
                    "the script does not begin with SET ROLE; begin it with SET ROLE <owner> so objects get the"
                            + " right owner"));
        }
    }
}
