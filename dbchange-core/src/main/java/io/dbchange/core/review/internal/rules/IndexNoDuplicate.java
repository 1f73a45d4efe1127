package io.dbchange.core.review.internal.rules;

import static io.dbchange.core.review.internal.rules.RuleSupport.BOTH;
import static io.dbchange.core.review.internal.rules.RuleSupport.addedConstraints;
import static io.dbchange.core.review.internal.rules.RuleSupport.q;
import static io.dbchange.core.review.internal.rules.RuleSupport.table;

import io.dbchange.api.review.Finding;
import io.dbchange.api.sql.SourcePosition;
import io.dbchange.core.review.Catalog.CatalogIndex;
import io.dbchange.core.review.ReviewRule;
import io.dbchange.core.review.RuleContext;
import io.dbchange.core.review.RuleDescriptor;
import io.dbchange.core.review.statement.ConstraintDefinition;
import io.dbchange.core.review.statement.ConstraintDefinition.ConstraintType;
import io.dbchange.core.review.statement.ParsedStatement;
import io.dbchange.core.review.statement.StatementKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Rule {@code index.no-duplicate} (Bytebase's TABLE_NO_DUPLICATE_INDEX): a new index, key or primary key must not
 * cover the same columns in the same order as another index of its table, one in the catalog or one added by the
 * same statement. A duplicate only slows writes. Partial indexes are left alone: their WHERE makes them differ.
 */
public final class IndexNoDuplicate implements ReviewRule {

    private static final RuleDescriptor DESCRIPTOR = new RuleDescriptor(
            "index.no-duplicate",
            Set.of("TABLE_NO_DUPLICATE_INDEX"),
            BOTH,
            List.of(),
            "forbid an index on the same columns, in the same order, as another index of the table");

    private static final Set<ConstraintType> INDEXED =
            Set.of(ConstraintType.PRIMARY_KEY, ConstraintType.UNIQUE, ConstraintType.INDEX);

    private record Key(String name, List<String> columns, SourcePosition position) {}

    @Override
    public RuleDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(RuleContext c, Consumer<Finding> f) {
        ParsedStatement s = c.statement();
        if (s.target().isEmpty()
                || (s.kind() != StatementKind.CREATE_INDEX
                        && s.kind() != StatementKind.CREATE_TABLE
                        && s.kind() != StatementKind.ALTER_TABLE)) {
            return;
        }
        List<Key> existing = new ArrayList<>();
        c.catalog().table(s.target().get()).ifPresent(t -> {
            for (CatalogIndex index : t.indexes()) {
                existing.add(new Key(
                        index.name(), lower(index.columns()), s.statement().start()));
            }
        });
        List<Key> added = new ArrayList<>();
        for (ConstraintDefinition k : addedConstraints(s)) {
            if (INDEXED.contains(k.type()) && !k.usingIndex()) {
                String name = k.name().orElse(k.type() == ConstraintType.PRIMARY_KEY ? "PRIMARY KEY" : "unnamed key");
                added.add(new Key(name, lower(k.columns()), k.position()));
            }
        }
        s.index()
                .filter(i -> !i.partial())
                .ifPresent(i -> added.add(new Key(i.name().orElse("unnamed index"), lower(i.columns()), i.position())));
        for (Key key : added) {
            if (key.columns().isEmpty()) {
                continue;
            }
            for (Key other : existing) {
                if (other.columns().equals(key.columns())) {
                    f.accept(c.finding(
                            "index " + q(key.name()) + " on " + q(table(s)) + " (" + String.join(", ", key.columns())
                                    + ") duplicates index " + q(other.name())
                                    + " on the same columns; drop one of them",
                            key.position()));
                    break;
                }
            }
            existing.add(key);
        }
    }

    private static List<String> lower(List<String> columns) {
        return columns.stream()
                .map(column -> column.strip().toLowerCase(Locale.ROOT))
                .toList();
    }
}
