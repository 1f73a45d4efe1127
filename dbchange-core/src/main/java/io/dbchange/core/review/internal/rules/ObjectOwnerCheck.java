package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.POSTGRES;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;

import io.dbchange.api.review.Finding;
import io.dbchange.core.review.LiveDatabase;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ObjectName;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Rule {@code statement.object-owner-check} (PostgreSQL, live database): a statement that alters or drops an existing
 * table, view, sequence or index must run as a role that acts as the object's owner; PostgreSQL refuses it otherwise,
 * mid-migration. Checked on the review's connection: the object's owner against {@code current_user} (a member of the
 * owning role, or a superuser, passes). Objects the database does not have yet (created earlier in the script) pass.
 */
public final class ObjectOwnerCheck implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = RuleDescriptor.of(
            "statement.object-owner-check",
            POSTGRES,
            "statements that alter or drop an object must run as a role acting as its owner");

    // statements whose target() is an existing object that only its owner may change
    private static final Set<StatementKind> OWNED = Set.of(
            StatementKind.ALTER_TABLE,
            StatementKind.DROP_TABLE,
            StatementKind.TRUNCATE,
            StatementKind.CREATE_INDEX,
            StatementKind.DROP_INDEX,
            StatementKind.DROP_VIEW,
            StatementKind.ALTER_SEQUENCE,
            StatementKind.DROP_SEQUENCE);

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (!OWNED.contains(s.kind()) || s.target().isEmpty()) {
            return;
        }
        if (c.database().isEmpty()) {
            c.notice(LiveDatabaseRules.NO_CONNECTION);
            return;
        }
        ObjectName object = s.target().get();
        Optional<LiveDatabase.Ownership> ownership;
        try {
            ownership = c.database().get().owner(object);
        } catch (SQLException e) {
            f.accept(c.finding(q(s.shortText()) + ": cannot read the owner of " + q(object.qualified()) + " ("
                    + LiveDatabaseRules.reason(e) + "); check it by hand"));
            return;
        }
        ownership
                .filter(o -> !o.actsAsOwner())
                .ifPresent(o -> f.accept(c.finding(q(s.shortText()) + " changes " + q(object.qualified())
                        + ", owned by " + q(o.owner()) + ", but the review connects as " + q(o.currentRole())
                        + ", which is not a member of it; run the change as " + q(o.owner())
                        + " or transfer the ownership first")));
    }
}
