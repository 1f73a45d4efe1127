package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.MYSQL;
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

/**
 * {@code system.<object>.disallow-create}: forbid creating a kind of stored object (view, event, function,
 * procedure). One rule parameterized by the object; the nested classes are the {@link java.util.ServiceLoader}
 * providers.
 */
public abstract class SystemDisallowCreate implements ReviewRule {

    private final RuleDescriptor descriptor;
    private final StatementKind kind;
    private final String message;

    SystemDisallowCreate(String object, StatementKind kind, String message) {
        this.descriptor = new RuleDescriptor(
                "system." + object + ".disallow-create",
                Set.of("system." + object + "-disallow-create"),
                MYSQL,
                List.of(),
                "forbid CREATE " + object.toUpperCase(java.util.Locale.ROOT));
        this.kind = kind;
        this.message = message;
    }

    /** {@code system.view.disallow-create}. */
    public static final class View extends SystemDisallowCreate {
        public View() {
            super("view", StatementKind.CREATE_VIEW, "creates a view; views are not allowed here");
        }
    }

    /** {@code system.event.disallow-create}. */
    public static final class Event extends SystemDisallowCreate {
        public Event() {
            super("event", StatementKind.CREATE_EVENT, "creates an event; schedule jobs outside the database");
        }
    }

    /** {@code system.function.disallow-create}. */
    public static final class Function extends SystemDisallowCreate {
        public Function() {
            super(
                    "function",
                    StatementKind.CREATE_FUNCTION,
                    "creates a stored function; keep the logic in the application");
        }
    }

    /** {@code system.procedure.disallow-create}. */
    public static final class Procedure extends SystemDisallowCreate {
        public Procedure() {
            super(
                    "procedure",
                    StatementKind.CREATE_PROCEDURE,
                    "creates a stored procedure; keep the logic in the application");
        }
    }

    @Override
    public RuleDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.kind() == kind) {
            f.accept(c.finding(q(s.shortText()) + " " + message));
        }
    }
}
