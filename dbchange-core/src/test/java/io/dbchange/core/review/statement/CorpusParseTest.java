package io.dbchange.core.review.statement;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbchange.api.sql.Dialect;
import io.dbchange.api.sql.SqlStatement;
import io.dbchange.core.review.Corpus;
import io.dbchange.core.sql.StatementSplitter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parses every statement of the shared corpus and prints how many each path handled: JSqlParser, the recognizer,
 * or neither. Guards the goal that at most 0.5% of real migration statements are unrecognized.
 */
class CorpusParseTest {

    @Test
    void atMostHalfAPercentOfCorpusStatementsAreUnrecognized() {
        List<Corpus.CorpusFile> files = Corpus.files();
        Map<ParsedStatement.ParsedBy, Integer> counts = new EnumMap<>(ParsedStatement.ParsedBy.class);
        List<String> unrecognized = new ArrayList<>();
        int total = 0;
        for (Dialect dialect : Dialect.values()) {
            try (StatementParser parser = StatementParser.forDialect(dialect)) {
                for (Corpus.CorpusFile file : files) {
                    if (file.dialect() != dialect) {
                        continue;
                    }
                    for (SqlStatement statement : StatementSplitter.forDialect(dialect)
                            .split(file.text())
                            .statements()) {
                        ParsedStatement model = parser.parse(statement);
                        counts.merge(model.parsedBy(), 1, Integer::sum);
                        total++;
                        if (model.kind() == StatementKind.UNRECOGNIZED) {
                            unrecognized.add(file.relative() + " " + statement.summary() + " -> "
                                    + model.problem().orElse("?"));
                        }
                    }
                }
            }
        }
        System.out.printf(
                "review corpus: %d statements; JSqlParser %d, recognizer %d, unrecognized %d%n",
                total,
                counts.getOrDefault(ParsedStatement.ParsedBy.JSQLPARSER, 0),
                counts.getOrDefault(ParsedStatement.ParsedBy.RECOGNIZER, 0),
                counts.getOrDefault(ParsedStatement.ParsedBy.NONE, 0));
        unrecognized.forEach(u -> System.out.println("  unrecognized: " + u));
        assertThat(total).isPositive();
        assertThat(unrecognized.size() * 1000).isLessThanOrEqualTo(total * 5);
    }
}
